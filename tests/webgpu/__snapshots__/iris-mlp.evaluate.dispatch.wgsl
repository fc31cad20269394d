@group(0) @binding(0) var<storage, read_write> A: array<f32>;

@group(0) @binding(1) var<storage, read_write> U: array<u32>;

// s0: begin step
fn s0(i: u32, rows: u32) {
  let j = U[0u] - U[1u];
  U[7u] = U[2u];
  U[4u] = U[8u + 4u * j];
  U[5u] = U[8u + 4u * j + 1u];
}

// s1: gather x into x
fn s1(i: u32, rows: u32) {
  let r = i / 4u; let c = i % 4u;
  A[135u + (i)] = A[1480u + U[U[5u] + r] * 4u + 0u + c];
}

// s2: gather y into y
fn s2(i: u32, rows: u32) {
  let r = i;
  A[503u + (i)] = A[1900u + U[U[5u] + r] * 1u];
}

// s3: forward hidden (Linear) + forward act (ReLU)
fn s3(i: u32, rows: u32) {
  {
  let r = i / 8u; let o = i % 8u;
  var s = A[32u + (o)];
  for (var k = 0u; k < 4u; k++) { s += A[135u + (r * 4u + k)] * A[0u + (o * 4u + k)]; }
  A[199u + (i)] = s;
  }
  {
  let x0 = A[199u + (i)];
  A[327u + (i)] = select(0.0, x0, x0 > 0.0);
  }
}

// s4: forward logits (Linear)
fn s4(i: u32, rows: u32) {
  let r = i / 3u; let o = i % 3u;
  var s = A[64u + (o)];
  for (var k = 0u; k < 8u; k++) { s += A[327u + (r * 8u + k)] * A[40u + (o * 8u + k)]; }
  A[455u + (i)] = s;
}

// s5: forward loss (CrossEntropyLoss) + objective
fn s5(i: u32, rows: u32) {
  {
  var s = 0.0;
  for (var r = 0u; r < rows; r++) {
  var mx = A[455u + (r * 3u)];
  for (var j = 1u; j < 3u; j++) { mx = max(mx, A[455u + (r * 3u + j)]); }
  var se = 0.0;
  for (var j = 0u; j < 3u; j++) { se += exp(A[455u + (r * 3u + j)] - mx); }
  let lse = mx + log(se);
  s += lse - A[455u + (r * 3u + u32(max(A[503u + (r)], 0.0)))];
  }
  A[519u + (i)] = s / f32(rows);
  }
  {
  let s = A[519u + (0u)];
  A[134u] = s;
  }
}

// s6: gradient of loss (CrossEntropyLoss) into port input
fn s6(i: u32, rows: u32) {
  let r = i / 3u;
  var mx = A[455u + (r * 3u)];
  for (var j = 1u; j < 3u; j++) { mx = max(mx, A[455u + (r * 3u + j)]); }
  var se = 0.0;
  for (var j = 0u; j < 3u; j++) { se += exp(A[455u + (r * 3u + j)] - mx); }
  let lse = mx + log(se);
  A[840u + (i)] = A[888u + (0u)] * (exp(A[455u + (i)] - lse) - select(0.0, 1.0, i % 3u == u32(max(A[503u + (i / 3u)], 0.0)))) / f32(rows);
}

// s7: gradient of logits.weight
fn s7(i: u32, rows: u32) {
  let o = i / 8u; let k = i % 8u;
  var s = 0.0;
  for (var r = 0u; r < rows; r++) { s += A[840u + (r * 3u + o)] * A[327u + (r * 8u + k)]; }
  A[107u + (i)] = s;
}

// s8: gradient of logits.bias
fn s8(i: u32, rows: u32) {
  var s = 0.0;
  for (var r = 0u; r < rows; r++) { s += A[840u + (r * 3u + i)]; }
  A[131u + (i)] = s;
}

// s9: gradient of logits (Linear) into port in + gradient of act (ReLU) into port in
fn s9(i: u32, rows: u32) {
  {
  let r = i / 8u; let k = i % 8u;
  var s = 0.0;
  for (var o = 0u; o < 3u; o++) { s += A[840u + (r * 3u + o)] * A[40u + (o * 8u + k)]; }
  A[712u + (i)] = s;
  }
  {
  let x0 = A[199u + (i)]; let y0 = A[327u + (i)]; let g0 = A[712u + (i)];
  A[584u + (i)] = select(0.0, g0, x0 > 0.0);
  }
}

// s10: gradient of hidden.weight
fn s10(i: u32, rows: u32) {
  let o = i / 4u; let k = i % 4u;
  var s = 0.0;
  for (var r = 0u; r < rows; r++) { s += A[584u + (r * 8u + o)] * A[135u + (r * 4u + k)]; }
  A[67u + (i)] = s;
}

// s11: gradient of hidden.bias
fn s11(i: u32, rows: u32) {
  var s = 0.0;
  for (var r = 0u; r < rows; r++) { s += A[584u + (r * 8u + i)]; }
  A[99u + (i)] = s;
}

// s12: gradient of hidden (Linear) into port in
fn s12(i: u32, rows: u32) {
  let r = i / 4u; let k = i % 4u;
  var s = 0.0;
  for (var o = 0u; o < 8u; o++) { s += A[584u + (r * 8u + o)] * A[0u + (o * 4u + k)]; }
  A[520u + (i)] = s;
}

@compute @workgroup_size(64)
fn e0(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = 1u;
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s0(i, rows); }
}

@compute @workgroup_size(64)
fn e1(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (4u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s1(i, rows); }
}

@compute @workgroup_size(64)
fn e2(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s2(i, rows); }
}

@compute @workgroup_size(64)
fn e3(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (8u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s3(i, rows); }
}

@compute @workgroup_size(64)
fn e4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (3u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s4(i, rows); }
}

@compute @workgroup_size(64)
fn e5(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = 1u;
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s5(i, rows); }
}

@compute @workgroup_size(64)
fn e6(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (3u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s6(i, rows); }
}

@compute @workgroup_size(64)
fn e7(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (3u) * (8u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s7(i, rows); }
}

@compute @workgroup_size(64)
fn e8(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (3u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s8(i, rows); }
}

@compute @workgroup_size(64)
fn e9(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (8u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s9(i, rows); }
}

@compute @workgroup_size(64)
fn e10(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (8u) * (4u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s10(i, rows); }
}

@compute @workgroup_size(64)
fn e11(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (8u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s11(i, rows); }
}

@compute @workgroup_size(64)
fn e12(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (4u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s12(i, rows); }
}
