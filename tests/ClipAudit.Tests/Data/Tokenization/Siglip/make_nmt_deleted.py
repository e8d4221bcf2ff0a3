#!/usr/bin/python3
"""Lists the code points that sentencepiece's normaliser deletes with this folder's spiece.model (nmt_nfkc).

Run with Debian's python3-sentencepiece 0.1.97: /usr/bin/python3 make_nmt_deleted.py > nmt_nfkc_deleted.json
A code point c is deleted when encode("a" + c + "b") == encode("ab") and encode(c) == [] (whitespace instead gives
encode("a b")). Every code point outside the surrogates is tried, with add_dummy_prefix off as HF loads the model.
"""
import json
import os
import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2 as pb

m = pb.ModelProto.FromString(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "spiece.model"), "rb").read())
m.normalizer_spec.add_dummy_prefix = False
sp = spm.SentencePieceProcessor()
sp.LoadFromSerializedProto(m.SerializeToString())
ab = sp.encode("ab")
deleted = [c for c in range(0x110000)
           if not 0xD800 <= c < 0xE000 and sp.encode(chr(c)) == [] and sp.encode("a" + chr(c) + "b") == ab]
print(json.dumps({"normalizer": m.normalizer_spec.name, "sentencepiece": spm.__version__, "deleted": deleted}))
