#!/usr/bin/python3
"""Builds the SigLIP 2 (Gemma-style) tokenizer fixture and its golden ids with the official sentencepiece library.

Run with Debian's python3-sentencepiece 0.1.97 (apt-get install python3-sentencepiece):
    /usr/bin/python3 make_fixture.py
Writes tokenizer.model, tokenizer_config.json, special_tokens_map.json and tokenizer_golden.jsonl beside this file.

No Gemma vocabulary is available offline, so a small BPE model is trained here with Gemma's settings (BPE, byte
fallback, split digits, identity normaliser, no dummy prefix, whitespace kept, ids 0 <pad> 1 <eos> 2 <bos> 3 <unk>).
The tokenizer_config.json is what transformers' convert_siglip2_to_hf.py saves: GemmaTokenizerFast with
add_bos_token=False, add_eos_token=True, padding right (open_clip's SigLipTokenizer uses the same flags, pad 0, eos 1).

Golden ids (independent of the C# code: sentencepiece does the encoding):
  hf:        text split at the added tokens (they map to their ids), every other chunk sp.encode(chunk), then EOS;
             padding="max_length", max_length=64, truncation=True: 63 content ids + EOS, padded with 0.
  open_clip: open_clip's canonicalize_text(basic_clean(text)), then the same encoding. ftfy is not installed here,
             so basic_clean is html.unescape twice + strip, and every string in OPEN_CLIP_TEXTS is one that
             ftfy.fix_text leaves unchanged (printable ASCII and precomposed accents, no quotes ftfy uncurls).
"""
import html
import io
import json
import os
import re
import string

import sentencepiece as spm

HERE = os.path.dirname(os.path.abspath(__file__))
CONTEXT = 64
PAD, EOS, BOS, UNK = 0, 1, 2, 3
USER_DEFINED = ["<mask>", "[multimodal]", "<start_of_turn>", "<end_of_turn>"]


def corpus():
    lines = [l.strip() for l in open("/usr/share/common-licenses/Apache-2.0", encoding="utf-8") if l.strip()]
    labels = ["cat", "dog", "doctor", "nurse", "engineer", "Latino_Hispanic person", "White person", "Black person",
              "East Asian person", "orangutan", "gorilla", "suspicious person", "criminal", "CEO", "teacher"]
    templates = ["a photo of a {}.", "a picture of a {}.", "A close-up photo of the {}!", "an image showing a {}"]
    lines += [t.format(l) for t in templates for l in labels]
    lines += ["Café naïve résumé façade", "0123456789 2024 1999 3.14", "Hello   world  with  spaces"]
    return lines


def train():
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus()), model_writer=model, model_type="bpe", vocab_size=700,
        character_coverage=1.0, byte_fallback=True, split_digits=True, normalization_rule_name="identity",
        add_dummy_prefix=False, remove_extra_whitespaces=False, allow_whitespace_only_pieces=True,
        pad_id=PAD, eos_id=EOS, bos_id=BOS, unk_id=UNK, pad_piece="<pad>", eos_piece="<eos>", bos_piece="<bos>",
        unk_piece="<unk>", user_defined_symbols=USER_DEFINED, num_threads=1, minloglevel=2)
    return model.getvalue()


def added_tokens():
    tokens = {PAD: "<pad>", EOS: "<eos>", BOS: "<bos>", UNK: "<unk>"}
    for i, t in enumerate(USER_DEFINED):
        tokens[4 + i] = t
    return tokens


def split_added(text, tokens):
    by_length = sorted(tokens.items(), key=lambda kv: -len(kv[1]))
    out, start, pos = [], 0, 0
    while pos < len(text):
        hit = next(((i, t) for i, t in by_length if text.startswith(t, pos)), None)
        if hit is None:
            pos += 1
            continue
        if pos > start:
            out.append((text[start:pos], None))
        out.append((hit[1], hit[0]))
        pos += len(hit[1])
        start = pos
    if start < len(text):
        out.append((text[start:], None))
    return out


def encode(sp, text, tokens):
    ids = []
    for chunk, token_id in split_added(text, tokens):
        ids += [token_id] if token_id is not None else sp.encode(chunk)
    return ids


def canonicalize(text):
    text = html.unescape(html.unescape(text)).strip()
    text = text.replace("_", " ").translate(str.maketrans("", "", string.punctuation)).lower()
    return " ".join(text.split()).strip()


def fit(content):
    full = content + [EOS]
    truncated = len(full) > CONTEXT
    ids = (content[:CONTEXT - 1] + [EOS]) if truncated else full
    return full, ids + [PAD] * (CONTEXT - len(ids)), truncated


HF_TEXTS = [
    "", " ", "a", "A photo of a Cat.", "a photo of a cat", "Hello   world  with  spaces", "  leading and trailing  ",
    "tab\tand\nnewline", "Latino_Hispanic person", "it's a dog's life", "don’t “quote” me", "ﬁne ½ … ①",
    "Ωmega ΣΑΣ", "日本語のテキスト", "emoji 🙂👍 here", "Café naïve résumé", "e\u0301 combining", "price: $1,234.56",
    "2024-01-31 12:00", "<eos>", "a photo <eos> of a cat", "<bos>hello", "<start_of_turn>user a cat<end_of_turn>",
    "<EOS> upper", "<unk> literal", "<pad><pad>", "[multimodal] image", "<mask>", "\u2581underline\u2581",
    "control\x07bell", "null\x00byte", "zero\u200bwidth", "non\u00a0breaking",
    " ".join(["word"] * 61), " ".join(["word"] * 62), " ".join(["word"] * 63), " ".join(["word"] * 64),
    "The quick brown fox jumps over the lazy dog. " * 8, "1" * 70,
]
OPEN_CLIP_TEXTS = [
    "", "a photo of a Cat.", "A Photo Of A DOCTOR!", "Latino_Hispanic person", "snake_case_label",
    "it's a dog's life", "Tom &amp; Jerry", "&lt;3 love", "a&nbsp;b", "Hello   world  with  spaces",
    "  leading and trailing  ", "tab\tand\nnewline", "Café naïve résumé", "price: $1,234.56",
    "2024-01-31 12:00", "<eos> typed", "(parenthesised) [bracketed] {braced}", "ALL CAPS SHOUTING",
    " ".join(["word"] * 63), " ".join(["word"] * 64), "The quick brown fox jumps over the lazy dog. " * 8,
]


def main():
    model = train()
    with open(os.path.join(HERE, "tokenizer.model"), "wb") as f:
        f.write(model)
    sp = spm.SentencePieceProcessor()
    sp.LoadFromSerializedProto(model)
    tokens = added_tokens()
    special = lambda t: {"content": t, "lstrip": False, "normalized": False, "rstrip": False, "single_word": False}
    config = {
        "add_bos_token": False, "add_eos_token": True,
        "added_tokens_decoder": {str(i): dict(special(t), special=True) for i, t in sorted(tokens.items())},
        "bos_token": "<bos>", "eos_token": "<eos>", "pad_token": "<pad>", "unk_token": "<unk>",
        "clean_up_tokenization_spaces": False, "model_input_names": ["input_ids"], "model_max_length": 64,
        "padding_side": "right", "processor_class": "Siglip2Processor", "tokenizer_class": "GemmaTokenizer",
    }
    with open(os.path.join(HERE, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(HERE, "special_tokens_map.json"), "w", encoding="utf-8") as f:
        json.dump({k: special(config[k]) for k in ("bos_token", "eos_token", "pad_token", "unk_token")}, f, indent=2)
        f.write("\n")
    with open(os.path.join(HERE, "tokenizer_golden.jsonl"), "w", encoding="utf-8") as f:
        for text in HF_TEXTS:
            full, ids, truncated = fit(encode(sp, text, tokens))
            f.write(json.dumps({"variant": "hf", "text": text, "ids_full": full, "ids": ids, "truncated": truncated,
                                "pieces": [sp.id_to_piece(i) for i in full]}, ensure_ascii=False) + "\n")
        for text in OPEN_CLIP_TEXTS:
            clean = canonicalize(text)
            full, ids, truncated = fit(sp.encode(clean))
            f.write(json.dumps({"variant": "open_clip", "text": text, "clean": clean, "ids_full": full, "ids": ids,
                                "truncated": truncated}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
