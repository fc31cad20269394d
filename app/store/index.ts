// The editor's document store, for every panel (training included). The GraphDoc is the truth; read it with
// `useDoc(selector)` (or `docStore.getState()` outside React) and change it only through these functions.
//
// For the training side:
//   useDoc((s) => s.doc)                      the document (new object only when it changed)
//   useDoc((s) => s.selection)                { nodes, edges } selected on the canvas (edge selected → probe panel)
//   setParams({ 'fc1.weight': Float32Array }) trained weights into the doc, no undo step (saved, autosaved, exported)
//   clearParams()                             back to seeded init (one undo step)
//   setMarks('training', issues)              mark nodes/ports/edges (NaN here); setMarks('training', []) clears
//   setTraining((t) => { t.batchSize = 4 })   training settings in the doc (one undo step)
//   showStatus(text, 'info' | 'error')        the status line (role="status")
//   setSelection({ nodes, edges })
export {
  docStore,
  useDoc,
  resetDocStore,
  emptyDoc,
  edit,
  editQuietly,
  beginGroup,
  endGroup,
  undo,
  redo,
  canUndo,
  canRedo,
  setSelection,
  showStatus,
  setMarks,
  type DocState,
  type Selection,
  type StatusMessage,
  type HistoryEntry,
} from './docStore';
export {
  addNode,
  connect,
  deleteElements,
  deleteSelection,
  selectAll,
  moveNodes,
  setLabel,
  setAttr,
  setParamValue,
  setParams,
  clearParams,
  renameGraph,
  replaceDoc,
  setTraining,
  type XY,
} from './actions';
export { copySelection, paste, hasClipboard } from './clipboard';
export { checkConnection, type Wire, type ConnectCheck } from './connect';
export { derive, allIssues, useNodeShape, useNodeIssues, useNodePortIssues, useEdgeIssues } from './derived';
export { currentParams, paramBrief, paramDecls } from './params';
