// The panel's switch for the heat maps drawn on the canvas nodes (hidden units and the output).
import { useNodeMapsStore } from './nodeMaps';

export function NodeMapsToggle() {
  const show = useNodeMapsStore((s) => s.show);
  return (
    <label>
      <input type="checkbox" aria-label="show unit maps on nodes" checked={show} onChange={(e) => useNodeMapsStore.setState({ show: e.target.checked })} />
      unit maps on nodes
    </label>
  );
}
