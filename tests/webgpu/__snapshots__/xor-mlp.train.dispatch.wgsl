@group(0) @binding(0) var<storage, read_write> A: array<f32>;

@group(0) @binding(1) var<storage, read_write> U: array<u32>;

fn wg_tanh(x: f32) -> f32 {
  return tanh(clamp(x, -15.0, 15.0));
}

// s0: begin step
fn s0(i: u32, rows: u32) {
  let j = U[0u] - U[1u];
  U[7u] = U[2u];
  U[4u] = U[8u + 4u * j];
  U[5u] = U[8u + 4u * j + 1u];
}

// s1: gather x into x
fn s1(i: u32, rows: u32) {
  let r = i / 2u; let c = i % 2u;
  A[35u + (i)] = A[478u + U[U[5u] + r] * 2u + 0u + c];
}

// s2: gather y into y
fn s2(i: u32, rows: u32) {
  let r = i / 1u; let c = i % 1u;
  A[83u + (i)] = A[486u + U[U[5u] + r] * 1u + c];
}

// s3: forward hidden (Linear) + forward act (Tanh)
fn s3(i: u32, rows: u32) {
  {
  let r = i / 4u; let o = i % 4u;
  var s = A[8u + (o)];
  for (var k = 0u; k < 2u; k++) { s += A[35u + (r * 2u + k)] * A[0u + (o * 2u + k)]; }
  A[43u + (i)] = s;
  }
  {
  let x0 = A[43u + (i)];
  A[59u + (i)] = wg_tanh(x0);
  }
}

// s4: forward out (Linear) + forward prob (Sigmoid)
fn s4(i: u32, rows: u32) {
  {
  let r = i / 1u; let o = i % 1u;
  var s = A[16u + (o)];
  for (var k = 0u; k < 4u; k++) { s += A[59u + (r * 4u + k)] * A[12u + (o * 4u + k)]; }
  A[75u + (i)] = s;
  }
  {
  let x0 = A[75u + (i)];
  A[79u + (i)] = (1.0 / (1.0 + exp(-x0)));
  }
}

// s5: forward loss (BCELoss) + objective
fn s5(i: u32, rows: u32) {
  {
  var s = 0.0;
  for (var j = 0u; j < (rows) * (1u); j++) { let x = A[79u + (j)]; let y = A[83u + (j)]; s += -(y * select(-100.0, max(log(x), -100.0), x > 0.0) + (1.0 - y) * select(-100.0, max(log((1.0 - x)), -100.0), (1.0 - x) > 0.0)); }
  A[87u + (i)] = s / f32((rows) * (1u));
  }
  {
  let s = A[87u + (0u)];
  A[34u] = s;
  A[137u + U[0u] - U[1u]] = s;
  }
}

// s6: gradient of loss (BCELoss) into port input + gradient of prob (Sigmoid) into port in
fn s6(i: u32, rows: u32) {
  {
  let x = A[79u + (i)]; let y = A[83u + (i)];
  A[132u + (i)] = A[136u + (0u)] * (x - y) / max(x * (1.0 - x), 1e-12) / f32((rows) * (1u));
  }
  {
  let x0 = A[75u + (i)]; let y0 = A[79u + (i)]; let g0 = A[132u + (i)];
  A[128u + (i)] = (g0 * y0 * (1.0 - y0));
  }
}

// s7: gradient of out.weight
fn s7(i: u32, rows: u32) {
  let o = i / 4u; let k = i % 4u;
  var s = 0.0;
  for (var r = 0u; r < rows; r++) { s += A[128u + (r * 1u + o)] * A[59u + (r * 4u + k)]; }
  A[29u + (i)] = s;
}

// s8: gradient of out.bias
fn s8(i: u32, rows: u32) {
  var s = 0.0;
  for (var r = 0u; r < rows; r++) { s += A[128u + (r * 1u + i)]; }
  A[33u + (i)] = s;
}

// s9: gradient of out (Linear) into port in + gradient of act (Tanh) into port in
fn s9(i: u32, rows: u32) {
  {
  let r = i / 4u; let k = i % 4u;
  var s = 0.0;
  for (var o = 0u; o < 1u; o++) { s += A[128u + (r * 1u + o)] * A[12u + (o * 4u + k)]; }
  A[112u + (i)] = s;
  }
  {
  let x0 = A[43u + (i)]; let y0 = A[59u + (i)]; let g0 = A[112u + (i)];
  A[96u + (i)] = (g0 * (1.0 - y0 * y0));
  }
}

// s10: gradient of hidden.weight
fn s10(i: u32, rows: u32) {
  let o = i / 2u; let k = i % 2u;
  var s = 0.0;
  for (var r = 0u; r < rows; r++) { s += A[96u + (r * 4u + o)] * A[35u + (r * 2u + k)]; }
  A[17u + (i)] = s;
}

// s11: gradient of hidden.bias
fn s11(i: u32, rows: u32) {
  var s = 0.0;
  for (var r = 0u; r < rows; r++) { s += A[96u + (r * 4u + i)]; }
  A[25u + (i)] = s;
}

// s12: gradient of hidden (Linear) into port in
fn s12(i: u32, rows: u32) {
  let r = i / 2u; let k = i % 2u;
  var s = 0.0;
  for (var o = 0u; o < 4u; o++) { s += A[96u + (r * 4u + o)] * A[0u + (o * 2u + k)]; }
  A[88u + (i)] = s;
}

// s13: non-finite check
fn s13(i: u32, rows: u32) {
  let v = A[17u + i];
  if ((bitcast<u32>(v) & 0x7f800000u) == 0x7f800000u && U[2u] == 0u) { U[2u] = 1u; U[3u] = U[0u]; }
}

// s14: adam update of every param
fn s14(i: u32, rows: u32) {
  if (U[2u] == 1u || U[7u] != 0u) { return; }
  A[427u + i] = A[i];
  A[444u + i] = A[393u + i];
  A[461u + i] = A[410u + i];
  let d = A[17u + i];
  let j = 4u * (U[0u] - U[1u]) + 8u;
  let stepSize = bitcast<f32>(U[j + 2u]); let bc2 = bitcast<f32>(U[j + 3u]);
  let m = 0.8999999761581421 * A[393u + i] + 0.10000000149011612 * d;
  let v = 0.9990000128746033 * A[410u + i] + 0.0010000000474974513 * d * d;
  A[393u + i] = m;
  A[410u + i] = v;
  A[i] = A[i] - (stepSize * m) / (sqrt(v) / bc2 + 9.99999993922529e-9);
  if ((bitcast<u32>(A[i]) & 0x7f800000u) == 0x7f800000u) { U[2u] = 2u; U[3u] = U[0u]; }
}

// s15: count the step
fn s15(i: u32, rows: u32) {
  if (U[2u] == 0u) { U[0u] = U[0u] + 1u; }
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
  let n = (rows) * (2u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s1(i, rows); }
}

@compute @workgroup_size(64)
fn e2(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (1u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s2(i, rows); }
}

@compute @workgroup_size(64)
fn e3(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (4u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s3(i, rows); }
}

@compute @workgroup_size(64)
fn e4(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (1u);
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
  let n = (rows) * (1u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s6(i, rows); }
}

@compute @workgroup_size(64)
fn e7(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (1u) * (4u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s7(i, rows); }
}

@compute @workgroup_size(64)
fn e8(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (1u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s8(i, rows); }
}

@compute @workgroup_size(64)
fn e9(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (4u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s9(i, rows); }
}

@compute @workgroup_size(64)
fn e10(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (4u) * (2u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s10(i, rows); }
}

@compute @workgroup_size(64)
fn e11(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (4u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s11(i, rows); }
}

@compute @workgroup_size(64)
fn e12(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (rows) * (2u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s12(i, rows); }
}

@compute @workgroup_size(64)
fn e13(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (18u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s13(i, rows); }
}

@compute @workgroup_size(64)
fn e14(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = (17u);
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s14(i, rows); }
}

@compute @workgroup_size(64)
fn e15(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let rows = U[4u];
  let n = 1u;
  for (var i = gid.x; i < n; i += nwg.x * 64u) { s15(i, rows); }
}
