// Keeps the app from going blank: a crash in one panel shows a calm message and a "Reload view" button.
// The graph lives in the store outside React, so remounting the view loses nothing.
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  /** What this boundary guards, for the message ("the canvas"). */
  area: string;
  children: ReactNode;
}

interface State {
  error: string | null;
  generation: number;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // For developers in the console; users see the message below, never a stack trace.
    console.error(`wiregrad: ${this.props.area} crashed`, error, info.componentStack);
  }

  override render(): ReactNode {
    // A new key remounts the children from scratch after "Reload view".
    if (this.state.error === null) return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
    return (
      <div className="crashed" role="alert">
        <p>
          Something went wrong in {this.props.area}. Your graph is safe.
        </p>
        <p className="muted">{this.state.error}</p>
        <button type="button" onClick={() => this.setState((s) => ({ error: null, generation: s.generation + 1 }))}>
          Reload view
        </button>
      </div>
    );
  }
}
