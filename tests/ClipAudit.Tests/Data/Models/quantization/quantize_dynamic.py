#!/usr/bin/env python3
"""Dynamic int8 quantisation of an ONNX model's MatMul weights, without onnxruntime's python package.

Every MatMul whose second input is a 2-D float initializer W[K,N] becomes com.microsoft DynamicQuantizeMatMul
(activations quantised to uint8 per call, asymmetric; W quantised to int8 per output column, symmetric, zero
point 0) -- the same op onnxruntime.quantization.quantize_dynamic produces after ORT's fusion. An Add of a 1-D
float initializer right after it is folded in as the op's bias. Everything else (Conv patch embedding, LayerNorm,
softmax, embeddings) stays float32.

usage: quantize_dynamic.py IN.onnx OUT.onnx [--per-tensor]
Needs only Debian's python3-onnx and python3-numpy."""
import sys
import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    per_tensor = "--per-tensor" in sys.argv
    src, dst = args
    model = onnx.load(src)
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    new_nodes, drop, used_as_weight, count = [], set(), set(), 0
    for n in g.node:
        if n.op_type == "Add" and n.output[0] in drop:
            continue
        w = inits.get(n.input[1]) if n.op_type == "MatMul" and len(n.input) == 2 else None
        if w is None or len(w.dims) != 2 or w.data_type != TensorProto.FLOAT:
            new_nodes.append(n)
            continue
        W = numpy_helper.to_array(w).astype(np.float32)
        amax = np.abs(W).max(axis=0) if not per_tensor else np.full(W.shape[1], np.abs(W).max())
        scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
        Wq = np.clip(np.rint(W / scale), -127, 127).astype(np.int8)
        base = n.output[0] + "_q"
        g.initializer.extend([
            numpy_helper.from_array(Wq, base + "_W"),
            numpy_helper.from_array(scale, base + "_scale"),
            numpy_helper.from_array(np.zeros(W.shape[1], np.int8), base + "_zp"),
        ])
        used_as_weight.add(w.name)
        inputs = [n.input[0], base + "_W", base + "_scale", base + "_zp"]
        out = n.output[0]
        after = consumers.get(out, [])
        if len(after) == 1 and after[0].op_type == "Add" and out not in [o.name for o in g.output]:
            add = after[0]
            other = add.input[1] if add.input[0] == out else add.input[0]
            b = inits.get(other)
            if b is not None and len(b.dims) == 1 and b.dims[0] == W.shape[1]:
                inputs.append(other)
                out = add.output[0]
                drop.add(add.output[0])
        new_nodes.append(helper.make_node("DynamicQuantizeMatMul", inputs, [out], name=(n.name or base) + "_dq", domain="com.microsoft"))
        count += 1
    still_used = {i for n in new_nodes for i in n.input}
    keep = [t for t in g.initializer if t.name not in used_as_weight or t.name in still_used]
    del g.initializer[:]
    g.initializer.extend(keep)
    del g.node[:]
    g.node.extend(new_nodes)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, dst)
    print(f"{src} -> {dst}: {count} MatMul -> DynamicQuantizeMatMul ({'per-tensor' if per_tensor else 'per-column'} int8 weights)")


if __name__ == "__main__":
    main()
