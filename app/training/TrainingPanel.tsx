// The training panel (data set, optimiser, backend, play/pause/step/reset, curves, decision boundary).
// Placeholder shell until the training panel lands; App.tsx renders it.
export function TrainingPanel() {
  return (
    <section aria-label="Training">
      <h2>Training</h2>
    </section>
  );
}
