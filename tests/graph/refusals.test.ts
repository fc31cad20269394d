// Every kind of bad file is refused with a message that names the place and the rule (graph-format.md, Errors).
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../../engine/graph/load';
import { MAX_DEPTH, MAX_ERRORS, MAX_FILE_CHARS } from '../../engine/graph/limits';
import { expectIssue, refuse, xorDoc, xorWith, type Json } from './fixtures';

describe('the starting graph', () => {
  it('loads', () => {
    const r = loadGraph(JSON.stringify(xorDoc()));
    expect(r.ok ? 'loaded' : r.errors).toBe('loaded');
  });
});

describe('the text', () => {
  it('refuses what is not JSON, saying the line and column', () => {
    const issues = refuse('{\n  "format": "wiregrad-graph",\n  "version": 1,,\n}');
    expectIssue(issues, 'line 3, column 16', /not valid JSON/);
  });

  it('refuses JSON cut short, pointing at its end', () => {
    expectIssue(refuse('{"format": "wiregrad-graph"'), 'line 1, column 28', /not valid JSON/);
    expectIssue(refuse('{"format": "wiregrad-gr'), 'line 1, column 24', /not valid JSON/);
  });

  it('refuses an empty file and one of blanks only', () => {
    expectIssue(refuse(''), 'file', /empty/);
    expectIssue(refuse(' \n\t '), 'file', /empty/);
  });

  it('refuses a file over the size limit before parsing it', () => {
    expectIssue(refuse(' '.repeat(MAX_FILE_CHARS + 1)), 'file', /characters; the limit is 52428800 \(50 MiB\)/);
  });

  it('refuses nesting deeper than the limit without a RangeError, even 100,000 levels', () => {
    expectIssue(refuse('['.repeat(100_000) + ']'.repeat(100_000)), `line 1, column ${MAX_DEPTH + 1}`, /nested more than 64 levels/);
    const ui = xorWith((d) => { d.ui = JSON.parse('{"a":' + '['.repeat(80) + ']'.repeat(80) + '}'); });
    expect(refuse(ui)[0].message).toMatch(/nested more than 64 levels/);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    expect(loadGraph('\uFEFF' + JSON.stringify(xorDoc())).ok).toBe(true);
  });
});

describe('the envelope', () => {
  it('refuses a file that is not an object', () => {
    expectIssue(refuse('[1, 2]'), 'file', /holds a JSON object/, /found an array/);
    expectIssue(refuse('42'), 'file', /found the number 42/);
  });

  it('refuses another format, saying what it found and what it supports', () => {
    expectIssue(refuse('{"format": "onnx", "version": 1}'), 'format', /"onnx"/, /supports "wiregrad-graph"/);
    expectIssue(refuse('{"version": 1}'), 'format', /`format` is missing/);
  });

  it('refuses another version, saying what it found and what it supports', () => {
    expectIssue(refuse(xorWith((d) => { d.version = 2; })), 'version', /version 2/, /supports version 1/);
    expectIssue(refuse(xorWith((d) => { d.version = '1'; })), 'version', /the string "1"/, /supports version 1/);
    expectIssue(refuse(xorWith((d) => { delete d.version; })), 'version', /`version` is missing/);
    expectIssue(refuse(xorWith((d) => { d.version = 0; })), 'version', /version 0 is not supported: this reader supports version 1/);
    expectIssue(refuse(xorWith((d) => { d.version = 1.5; })), 'version', /`version` is the number 1.5; this reader supports version 1/);
  });

  it('refuses an unknown key, suggesting the closest known one', () => {
    expectIssue(refuse(xorWith((d) => { d.edgse = []; })), 'file', /unknown key `edgse` \(did you mean `edges`\?\)/);
    const issue = expectIssue(refuse(xorWith((d) => { d.nodes[2].lables = 'x'; })), 'nodes[2] (id "fc1")', /unknown key `lables` \(did you mean `label`\?\)/);
    expect(issue.message).toMatch(/known keys: id, op, attrs, params, label, position/);
  });

  it('refuses wrong types, saying what was expected and found', () => {
    const issues = refuse(xorWith((d) => {
      (d as { [k: string]: Json }).nodes = {};
      d.name = 3;
    }));
    expectIssue(issues, 'nodes', /expected an array, found an object/);
    expectIssue(issues, 'name', /expected a string, found the number 3/);
    expectIssue(refuse(xorWith((d) => { d.nodes[0].position = { x: '1', y: 0 }; })), 'nodes[0] (id "x").position.x', /expected a number, found the string "1"/);
    expectIssue(refuse(xorWith((d) => { d.edges[0].target = null; })), 'edges[0] (id "e1").target', /expected a string, found null/);
  });

  it('refuses missing required keys', () => {
    expectIssue(refuse(xorWith((d) => { delete d.nodes[3].op; })), 'nodes[3] (id "relu1").op', /is required/);
    expectIssue(refuse(xorWith((d) => { delete (d as { [k: string]: Json }).edges; })), 'edges', /is required/);
  });

  it('keeps `ui` free-form', () => {
    expect(loadGraph(xorWith((d) => { d.ui = { anything: [1, 'two', { three: null }], panel: 'open' }; })).ok).toBe(true);
  });
});

describe('nodes', () => {
  it('refuses an unknown op, suggesting the nearest name', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.nodes[3].op = 'relu'; })), 'nodes[3] (id "relu1").op', /unknown op "relu"/, /did you mean "ReLU"\?/);
    expect(issue.nodeId).toBe('relu1');
    expectIssue(refuse(xorWith((d) => { d.nodes[3].op = 'Conv2d'; })), 'nodes[3] (id "relu1").op', /unknown op "Conv2d"; known ops: .*Linear/);
  });

  it('refuses an unknown attr, naming the op and the closest attr', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.nodes[2].attrs = { in: 2, out: 3, bais: false }; })), 'nodes[2] (id "fc1").attrs', /unknown attr `bais` for Linear \(did you mean `bias`\?\)/);
    expect(issue.nodeId).toBe('fc1');
    expectIssue(refuse(xorWith((d) => { d.nodes[3].attrs = { slope: 1 }; })), 'nodes[3] (id "relu1").attrs', /ReLU takes no attrs/);
  });

  it('refuses attrs of the wrong type or range, with the op schema', () => {
    expectIssue(refuse(xorWith((d) => { d.nodes[2].attrs = { in: 2, out: 0 }; })), 'nodes[2] (id "fc1").attrs.out', /must be ≥ 1; found 0/);
    expectIssue(refuse(xorWith((d) => { d.nodes[2].attrs = { in: 2 }; })), 'nodes[2] (id "fc1").attrs.out', /is required/);
    expectIssue(refuse(xorWith((d) => { d.nodes[6].attrs = { reduction: 'avg' }; })), 'nodes[6] (id "loss").attrs.reduction', /"mean", "sum"; found the string "avg"/);
  });

  it('refuses duplicate node ids, pointing at both', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.nodes[4].id = 'fc1'; })), 'nodes[4] (id "fc1").id', /duplicate node id "fc1" \(already used by nodes\[2\] \(id "fc1"\)\)/);
    expect(issue.nodeId).toBe('fc1');
  });

  it('refuses malformed ids: empty, too long, outside A-Z a-z 0-9 _ -', () => {
    for (const bad of ['', 'fc 1', 'x'.repeat(65), 'é', 'a.b', '\u202Eevil']) {
      expectIssue(refuse(xorWith((d) => { d.nodes[3].id = bad; })), 'nodes[3].id', /an id must be 1–64 characters of A-Z a-z 0-9 _ -/);
    }
    expectIssue(refuse(xorWith((d) => { d.edges[1].id = 'e 2'; })), 'edges[1].id', /an id must be 1–64 characters/);
    expect(loadGraph(xorWith((d) => { d.nodes[3].id = 'a'.repeat(64); d.edges[1].target = 'a'.repeat(64); d.edges[2].source = 'a'.repeat(64); })).ok).toBe(true);
  });

  it('refuses a label over 200 characters', () => {
    expectIssue(refuse(xorWith((d) => { d.nodes[0].label = 'x'.repeat(201); })), 'nodes[0] (id "x").label', /at most 200 characters; found 201/);
  });

  it('refuses parameters of the wrong shape, saying both shapes', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.nodes[2].params = { weight: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]] }; })), 'nodes[2] (id "fc1").params.weight', /Linear fc1: `weight` must have shape \[3, 2\]; found \[2, 3\]/);
    expect(issue.nodeId).toBe('fc1');
    expectIssue(refuse(xorWith((d) => { d.nodes[2].params = { bias: 0 }; })), 'nodes[2] (id "fc1").params.bias', /must have shape \[3\]; found \[\]/);
  });

  it('refuses an unknown param, suggesting the closest', () => {
    expectIssue(refuse(xorWith((d) => { d.nodes[2].params = { wieght: [[1, 2], [3, 4], [5, 6]] }; })), 'nodes[2] (id "fc1").params', /unknown param `wieght` for Linear \(did you mean `weight`\?\)/);
    expectIssue(refuse(xorWith((d) => { d.nodes[3].params = { value: 1 }; })), 'nodes[3] (id "relu1").params', /ReLU has no params/);
  });

  it('refuses ragged and non-numeric parameters', () => {
    expectIssue(refuse(xorWith((d) => { d.nodes[2].params = { weight: [[0.1, 0.2], [0.3], [0.5, 0.6]] }; })), 'nodes[2] (id "fc1").params.weight[1]', /has 1 values where the rows before it have 2 \(ragged data\)/);
    expectIssue(refuse(xorWith((d) => { d.nodes[2].params = { weight: [[0.1, 0.2], [0.3, '0.4'], [0.5, 0.6]] }; })), 'nodes[2] (id "fc1").params.weight[1][1]', /expected a number, found the string "0.4"/);
  });
});

describe('edges', () => {
  it('refuses a dangling edge, naming the missing node', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.edges[1].target = 'relu2'; })), 'edges[1] (id "e2").target', /target "relu2" is not a node of this graph \(did you mean "relu1"\?\) \(dangling edge\)/);
    expect(issue.edgeId).toBe('e2');
    expectIssue(refuse(xorWith((d) => { d.edges[0].source = 'input'; })), 'edges[0] (id "e1").source', /source "input" is not a node/);
  });

  it('refuses an unknown port, listing the ports the op has', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.edges[4].targetPort = 'inptu'; })), 'edges[4] (id "e5").targetPort', /node `loss` \(BCELoss\) has no input port `inptu` \(did you mean `input`\?\); its input ports are `input`, `target`/);
    expect([issue.nodeId, issue.port]).toEqual(['loss', 'inptu']);
    expectIssue(refuse(xorWith((d) => { d.edges[0].target = 'y'; })), 'edges[0] (id "e1").targetPort', /Target has no input ports/);
  });

  it('refuses two edges into one port', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.edges.push({ id: 'e7', source: 'x', target: 'relu1', targetPort: 'in' }); })), 'edges[6] (id "e7")', /input port `in` of node `relu1` already has an edge \(edges\[1\] \(id "e2"\)\); a port takes exactly one edge/);
    expect([issue.nodeId, issue.port, issue.edgeId]).toEqual(['relu1', 'in', 'e7']);
  });

  it('refuses an input port with no edge', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.edges.splice(5, 1); })), 'nodes[6] (id "loss")', /input port `target` of node `loss` has no edge/);
    expect([issue.nodeId, issue.port]).toEqual(['loss', 'target']);
  });

  it('refuses duplicate edge ids', () => {
    expectIssue(refuse(xorWith((d) => { d.edges[3].id = 'e1'; })), 'edges[3] (id "e1").id', /duplicate edge id "e1" \(already used by edges\[0\] \(id "e1"\)\)/);
  });

  it('refuses a self-loop', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.edges[2].source = 'fc2'; })), 'edges[2] (id "e3")', /self-loop: node `fc2` feeds its own input port `in`/);
    expect(issue.nodeId).toBe('fc2');
  });

  it('refuses a cycle, saying the cycle', () => {
    const text = xorWith((d) => {
      d.nodes.push({ id: 'add1', op: 'Add' });
      d.edges[1] = { id: 'e2', source: 'fc1', target: 'add1', targetPort: 'a' };
      d.edges.push({ id: 'e7', source: 'add1', target: 'relu1', targetPort: 'in' }, { id: 'e8', source: 'relu1', target: 'add1', targetPort: 'b' });
    });
    const issue = expectIssue(refuse(text), 'nodes[3] (id "relu1")', /cycle through relu1 → add1 → relu1/);
    expect(issue.nodeId).toBe('relu1');
  });
});

describe('shapes', () => {
  it('refuses a shape mismatch at load, naming node and port', () => {
    const issue = expectIssue(refuse(xorWith((d) => { d.nodes[0].attrs = { features: 3 }; })), 'nodes[2] (id "fc1")', /Linear fc1 expects 2 input features.*got 3/);
    expect(issue.nodeId).toBe('fc1');
  });

  it('refuses a loss whose input and target shapes differ', () => {
    expect(refuse(xorWith((d) => { d.nodes[1].attrs = { features: 2 }; }))[0].message).toMatch(/loss/i);
  });
});

describe('numbers', () => {
  it('refuses non-finite numbers (1e999 parses to Infinity), naming where', () => {
    const text = JSON.stringify(xorDoc()).replace('"lr":0.5', '"lr":1e999').replace('[0.1,-0.2]', '[0.1,-1e999]');
    const issues = refuse(text);
    expectIssue(issues, 'training.optimizer.lr', /numbers must be finite; found Infinity/);
    expectIssue(issues, 'nodes[2] (id "fc1").params.weight[0][1]', /found -Infinity/);
  });

  it('refuses invalid optimiser settings, naming the setting and its range', () => {
    const sgd = (o: object) => refuse(xorWith((d) => { d.training.optimizer = { type: 'sgd', lr: 0.1, ...o }; }));
    expectIssue(sgd({ lr: 0 }), 'training.optimizer.lr', /must be > 0; found 0/);
    expectIssue(sgd({ lr: -1 }), 'training.optimizer.lr', /must be > 0; found -1/);
    expectIssue(sgd({ momentum: 1 }), 'training.optimizer.momentum', /must be < 1; found 1/);
    expectIssue(sgd({ weightDecay: -0.1 }), 'training.optimizer.weightDecay', /must be ≥ 0/);
    expectIssue(sgd({ betas: [0.9, 0.99] }), 'training.optimizer', /unknown key `betas`/);
    const adam = (o: object) => refuse(xorWith((d) => { d.training.optimizer = { type: 'adam', lr: 0.01, ...o }; }));
    expectIssue(adam({ betas: [0.9, 1] }), 'training.optimizer.betas[1]', /must be < 1; found 1/);
    expectIssue(adam({ betas: [0.9] }), 'training.optimizer.betas', /exactly 2 elements|at least 2/);
    expectIssue(adam({ eps: 0 }), 'training.optimizer.eps', /must be > 0/);
    expectIssue(adam({ momentum: 0.9 }), 'training.optimizer', /unknown key `momentum`/);
    expectIssue(refuse(xorWith((d) => { d.training.optimizer = { type: 'Adam', lr: 1 }; })), 'training.optimizer.type', /"sgd" or "adam"; found the string "Adam" \(did you mean "adam"\?\)/);
    expectIssue(refuse(xorWith((d) => { d.training.optimizer = { type: 'sgd' }; })), 'training.optimizer.lr', /is required/);
  });

  it('refuses training settings out of range', () => {
    const t = (o: object) => refuse(xorWith((d) => { Object.assign(d.training, o); }));
    expectIssue(t({ split: { test: 0.95 } }), 'training.split.test', /must be ≤ 0.9/);
    expectIssue(t({ split: { test: -0.1 } }), 'training.split.test', /must be ≥ 0/);
    expectIssue(t({ seed: -1 }), 'training.seed', /must be ≥ 0/);
    expectIssue(t({ seed: 1.5 }), 'training.seed', /whole number/);
    expectIssue(t({ seed: 2 ** 53 }), 'training.seed', /must be ≤|whole number/);
    expectIssue(t({ batchSize: 0 }), 'training.batchSize', /must be ≥ 1/);
    expectIssue(t({ shuffle: 'yes' }), 'training.shuffle', /expected true or false/);
    expectIssue(t({ data: { builtin: 'spiral', samples: 100_001 } }), 'training.data.samples', /must be ≤ 100000/);
    expectIssue(t({ data: { builtin: 'spiral', samples: 0 } }), 'training.data.samples', /must be ≥ 1/);
    expectIssue(t({ data: { builtin: 'gauss', noise: -1 } }), 'training.data.noise', /must be ≥ 0/);
    expectIssue(t({ data: { builtin: 'Iris' } }), 'training.data.builtin', /found the string "Iris" \(did you mean "iris"\?\)/);
    expectIssue(t({ data: { builtin: 'xor', noise: 0.1 } }), 'training.data.noise', /applies only to the generated data sets/);
    expectIssue(t({ data: {} }), 'training.data', /expected `builtin`.*or `inline`/);
  });
});

describe('inline data', () => {
  const inline = (x: unknown, y: unknown) => refuse(xorWith((d) => { d.training.data = { inline: { x, y } } as never; }));

  it('refuses ragged rows of x', () => {
    expectIssue(inline([[0, 0], [0, 1], [1], [1, 1]], [[0], [1], [1], [0]]), 'training.data.inline.x[2]', /has 1 values where the rows before it have 2 \(ragged data\)/);
  });

  it('refuses non-finite and non-numeric values', () => {
    const text = xorWith((d) => { d.training.data = { inline: { x: [[0, 0], [0, 1]], y: [[0], [1]] } }; }).replace('[[0,0],[0,1]]', '[[0,0],[0,1e400]]');
    expectIssue(refuse(text), 'training.data.inline.x[1][1]', /numbers must be finite/);
    expectIssue(inline([[0, 'a']], [[0]]), 'training.data.inline.x[0][1]', /expected a number, found the string "a"/);
  });

  it('refuses y of the wrong length', () => {
    expectIssue(inline([[0, 0], [0, 1], [1, 0]], [[0], [1]]), 'training.data.inline.y', /has 2 rows but x has 3/);
  });

  it('refuses y that mixes class indices and rows, or indices that are not whole numbers ≥ 0', () => {
    expectIssue(inline([[0, 0], [1, 1]], [0, [1]]), 'training.data.inline.y[1]', /not both/);
    expectIssue(inline([[0, 0], [1, 1]], [0, 1.5]), 'training.data.inline.y[1]', /class index is a whole number ≥ 0; found the number 1.5 \(for float targets write rows/);
    expectIssue(inline([[0, 0], [1, 1]], [[0], [1, 2]]), 'training.data.inline.y[1]', /ragged/);
  });

  it('loads a well-formed inline data set', () => {
    expect(loadGraph(xorWith((d) => { d.training.data = { inline: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [[0], [1], [1], [0]] } }; })).ok).toBe(true);
  });
});

describe('sizes', () => {
  it('refuses a parameter beyond the element budget, naming the node', () => {
    const issue = expectIssue(refuse(xorWith((d) => {
      d.nodes[2].attrs = { in: 2, out: 100_000_000 };
      delete d.nodes[2].params;
    })), 'nodes[2] (id "fc1")', /Linear fc1: parameter `weight` would hold 200,000,000 elements \[100000000, 2\]; the limit is 16,777,216 per tensor/);
    expect(issue.nodeId).toBe('fc1');
  });

  it('refuses a node output beyond the element budget at the data set size', () => {
    const text = xorWith((d) => {
      d.nodes = [{ id: 'x', op: 'Input', attrs: { features: 20_000 } }, { id: 's', op: 'Sum' }];
      d.edges = [{ id: 'e1', source: 'x', target: 's', targetPort: 'in' }];
      d.training = { data: { builtin: 'digits' } };
    });
    expectIssue(refuse(text), 'nodes[0] (id "x")', /Input x: its output \[B, 20000\] would hold 35,940,000 elements for 1,797 rows; the limit is 16,777,216/);
  });

  it('refuses more than the total budget over all tensors', () => {
    const text = xorWith((d) => {
      d.nodes = Array.from({ length: 5 }, (_, i) => ({ id: `p${i}`, op: 'Parameter', attrs: { shape: [4000, 4000] } }));
      d.edges = [];
    });
    expectIssue(refuse(text), 'nodes', /hold 80,000,000 elements in all.*the limit is 67,108,864/);
  });
});

describe('huge hostile arrays', () => {
  const many = (item: string, n: number) => `[${Array.from({ length: n }, () => item).join(',')}]`;

  it('refuses too many nodes or edges before looking inside them', () => {
    const issues = refuse(`{"format":"wiregrad-graph","version":1,"nodes":${many('0', 10_001)},"edges":[]}`);
    expect(issues).toEqual([{ path: 'nodes', message: 'must have at most 10000 elements; found 10001' }]);
  });

  it('refuses 300,000 bad values in data, attrs or params with the first one, not 300,000 messages', () => {
    const bad = many('"a"', 300_000);
    const texts = [
      xorWith((d) => { d.training.data = { inline: { x: [[0, 0]], y: [0] } }; }).replace('"y":[0]', `"y":${bad}`),
      xorWith((d) => { d.training.data = { inline: { x: [[0, 0]], y: [0] } }; }).replace('"x":[[0,0]]', `"x":[${bad}]`),
      xorWith((d) => { d.nodes.push({ id: 'c', op: 'Constant', attrs: { value: 0 } }); }).replace('"value":0', `"value":${bad}`),
      xorWith((d) => { d.nodes[4].params = { bias: 0 }; }).replace('"bias":0', `"bias":${bad}`),
    ];
    const paths = texts.map((t) => refuse(t)[0].path);
    expect(paths).toEqual(['training.data.inline.y[0]', 'training.data.inline.x[0][0]', 'nodes[7] (id "c").attrs.value', 'nodes[4] (id "fc2").params.bias[0]']);
    expect(refuse(texts[2])[0].message).toBe('lists 300000 strings; an attr holds at most 1000');
    const mixed = xorWith((d) => { d.nodes.push({ id: 'c', op: 'Constant', attrs: { value: 0 } }); }).replace('"value":0', `"value":[0,${bad.slice(1)}`);
    expectIssue(refuse(mixed), 'nodes[7] (id "c").attrs.value[1]', /expected a number, found the string "a"/);
    for (const t of texts) expect(refuse(t).length).toBeLessThanOrEqual(2);
  });
});

describe('hostile keys and strings', () => {
  it('refuses prototype keys anywhere, ui included, and pollutes nothing', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = JSON.stringify(xorDoc()).replace('"viewport"', `"${key}"`);
      expectIssue(refuse(text), 'ui', new RegExp(`the key \`${key}\` is not allowed`));
      const nested = JSON.stringify(xorDoc()).replace('"features":2', `"features":2,"${key}":{"polluted":true}`);
      expectIssue(refuse(nested), 'nodes[0] (id "x").attrs', /is not allowed/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses an over-long string anywhere, even in ui', () => {
    expectIssue(refuse(xorWith((d) => { d.ui = { note: 'x'.repeat(10_001) }; })), 'ui.note', /10001 characters is too long/);
  });

  it('keeps odd Unicode in labels as text', () => {
    const r = loadGraph(xorWith((d) => { d.nodes[0].label = '\u202Emirror \uD800 <script>alert(1)</script> 😀'; }));
    expect(r.ok && r.value.nodes[0].label).toBe('\u202Emirror \uD800 <script>alert(1)</script> 😀');
  });
});

describe('reporting', () => {
  it('reports several errors at once, structure before meaning', () => {
    const issues = refuse(xorWith((d) => {
      d.nodes[3].op = 'Relu';
      d.nodes[4].id = 'fc1';
      d.edges[0].source = 'nowhere';
    }));
    expect(issues.map((i) => i.path)).toEqual(['nodes[3] (id "relu1").op', 'nodes[4] (id "fc1").id', 'edges[0] (id "e1").source', 'edges[2] (id "e3").target', 'edges[3] (id "e4").source']);
  });

  it('checks the graph even when only the training settings are wrong', () => {
    const issues = refuse(xorWith((d) => {
      d.training.optimizer = { type: 'sgd', lr: -1 };
      d.nodes[3].op = 'relu';
    }));
    expect(issues.map((i) => i.path)).toEqual(['training.optimizer.lr', 'nodes[3] (id "relu1").op']);
  });

  it(`stops at ${MAX_ERRORS} errors`, () => {
    const issues = refuse(xorWith((d) => { for (const n of d.nodes) n.op = 'Nope'; d.nodes.push(...Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, op: 'Nope' }))); }));
    expect(issues.length).toBe(MAX_ERRORS);
  });
});
