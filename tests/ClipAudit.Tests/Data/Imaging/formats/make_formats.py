"""Builds the per-format fixtures in this folder and PIL's reference crops for them (issue 12).

Run with Debian's python3 (python3-pil 9.4, python3-numpy): /usr/bin/python3 make_formats.py
The sRGB profile embedded in one JPEG carries a creation date, so a re-run changes that file's bytes (not its pixels).
Each fixture is small (upscaled to 224, so the resize path is exercised) and made here from synthetic pixels.
formats.json lists, per file, PIL's mode and either the crop PNGs (openai order: Image.resize in the file's own mode,
which PIL forces to NEAREST for P and 1 and premultiplies for RGBA/LA, then crop, then convert('RGB'); HF order:
convert('RGB') first) or the reason ClipAudit must reject it with, and why.
"""
import io, json, os, struct
import numpy as np
from PIL import Image, ImageCms

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(12)
S = 224


def photo(w, h):
    """Smooth gradients, sharp colour edges and noise: what separates decoders and chroma upsampling."""
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([x * 255 // max(w - 1, 1), y * 255 // max(h - 1, 1), (x + y) * 127 // max(w + h - 2, 1)], -1)
    img[h // 4:h // 2, w // 5:w // 2] = [220, 30, 40]
    img[h // 2:3 * h // 4, w // 2:4 * w // 5] = [20, 60, 230]
    img = img + rng.integers(-12, 13, img.shape)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), 'RGB')


def sizes(w, h):
    if w <= h:
        return S, int(S * h / w)
    return int(S * w / h), S


def openai_crop(img):
    # Loaded first, as the corpus-realworld crops were made. With preprocess(Image.open(p)) torchvision computes the
    # target size from the header size before load() applies a TIFF Orientation of 5-8, and stretches the rotated
    # image to it; ClipAudit follows the loaded image (a documented difference, issue 12).
    img.load()
    nw, nh = sizes(*img.size)
    r = img.resize((nw, nh), Image.BICUBIC)
    left, top = int(round((nw - S) / 2.0)), int(round((nh - S) / 2.0))
    return np.asarray(r.crop((left, top, left + S, top + S)).convert('RGB'))


def hf_crop(img):
    rgb = img.convert('RGB')
    nw, nh = sizes(*rgb.size)
    r = rgb.resize((nw, nh), Image.BICUBIC)
    left, top = (nw - S) // 2, (nh - S) // 2
    return np.asarray(r.crop((left, top, left + S, top + S)))


def jpeg(img, **kw):
    b = io.BytesIO()
    img.save(b, 'JPEG', **kw)
    return b.getvalue()


def rgba(w, h):
    a = np.asarray(photo(w, h)).copy()
    alpha = np.fromfunction(lambda y, x: (x * 255 // (w - 1)), (h, w)).astype(np.uint8)
    alpha[: h // 3, : w // 3] = 0
    return Image.fromarray(np.dstack([a, alpha]), 'RGBA')


def bmp_rgba_bitfields(img):
    """32-bit BI_BITFIELDS BMP (V4 header) with an alpha mask (PIL reads RGBA; PIL does not write this variant)."""
    w, h = img.size
    px = np.asarray(img)[::-1][:, :, [2, 1, 0, 3]].tobytes()  # bottom-up BGRA
    header = struct.pack('<IiiHHIIiiII', 108, w, h, 1, 32, 3, len(px), 2835, 2835, 0, 0)
    header += struct.pack('<IIII', 0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000) + b'BGRs' + bytes(48)  # V4 header
    offset = 14 + len(header)
    return b'BM' + struct.pack('<IHHI', offset + len(px), 0, 0, offset) + header + px


def gif_small_frame():
    """A 40x30 frame at (12, 9) on a 64x48 screen, with a transparent index: PIL fills the screen with that index."""
    pal = Image.fromarray(np.asarray(photo(40, 30))).quantize(16)
    pal.info['transparency'] = 3
    b = io.BytesIO()
    pal.save(b, 'GIF', transparency=3)
    data = bytearray(b.getvalue())
    data[6:10] = struct.pack('<HH', 64, 48)
    frame = data.index(b'\x2c', 13 + 3 * (2 << (data[10] & 7)))
    data[frame + 1:frame + 5] = struct.pack('<HH', 12, 9)
    return bytes(data)


def save(img, fmt, **kw):
    b = io.BytesIO()
    img.save(b, fmt, **kw)
    return b.getvalue()


srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile('sRGB')).tobytes()
base = photo(64, 48)
exif = Image.Exif()
exif[0x0112] = 6
plain = jpeg(base, quality=90, subsampling=2)
stray = plain[:20] + b'\x00\x11\x22\x33\x44' + plain[20:]  # after APP0, before DQT: libjpeg skips them with a warning
assert plain[20] == 0xFF
p8 = base.quantize(12)
p8t = photo(50, 40).quantize(20)
multi = io.BytesIO()
photo(60, 40).save(multi, 'TIFF', save_all=True, append_images=[photo(30, 30)])
gray16 = Image.fromarray((np.arange(48 * 64).reshape(48, 64) * 21).astype(np.uint16), 'I;16')

cases = {
    # JPEG: every kind decodes byte-identically to PIL (libjpeg-turbo through Skia).
    'jpeg_420_q90.jpg': plain,
    'jpeg_444_progressive_icc.jpg': jpeg(base, quality=95, subsampling=0, progressive=True, icc_profile=srgb),
    'jpeg_gray.jpg': jpeg(base.convert('L').resize((50, 70)), quality=85),
    'jpeg_exif_orientation6.jpg': jpeg(base, quality=90, exif=exif.tobytes()),
    'jpeg_stray_bytes.jpg': stray,
    'jpeg_truncated.jpg': plain[: len(plain) * 2 // 3],
    # BMP: PIL's mode decides the resize (1 and P: NEAREST; RGBA: premultiplied).
    'bmp_1bit.bmp': save(base.convert('L').point(lambda v: 255 if v > 110 else 0).convert('1'), 'BMP'),
    'bmp_palette8.bmp': save(p8, 'BMP'),
    'bmp_rgba_bitfields.bmp': bmp_rgba_bitfields(rgba(50, 40)),
    # TIFF: page 0 of a multi-page file; Orientation applied (PIL 9 load_end); 1-bit and palette NEAREST.
    'tiff_multipage.tif': multi.getvalue(),
    'tiff_orientation6.tif': save(photo(60, 40), 'TIFF', tiffinfo={0x0112: 6}),
    'tiff_1bit.tif': save(base.convert('1'), 'TIFF'),
    'tiff_palette.tif': save(p8, 'TIFF'),
    'tiff_16bit_gray.tif': save(gray16, 'TIFF'),
    # GIF: transparent index keeps its palette colour; a frame smaller than the screen on PIL's filled canvas.
    'gif_transparent.gif': save(p8t, 'GIF', transparency=5),
    'gif_small_frame.gif': gif_small_frame(),
    'gif_gray.gif': save(base.convert('L'), 'GIF', optimize=False),  # gray-ramp palette: PIL mode L, bicubic
    # WebP with alpha: RGBA, premultiplied resize in openai order.
    'webp_lossless_alpha.webp': save(rgba(50, 40), 'WEBP', lossless=True),
    'webp_lossy_alpha.webp': save(rgba(50, 40), 'WEBP', quality=80),
    # Animated WebP: the first frame (PIL: libwebp's WebPAnimDecoder, RGBA when the alpha flag is set).
    'webp_animated_alpha.webp': save(rgba(50, 40), 'WEBP', lossless=True, save_all=True, append_images=[photo(50, 40).convert('RGBA')], duration=100),
    # TGA gray + alpha: LA.
    'tga_la.tga': save(rgba(40, 50).convert('LA'), 'TGA'),
    # 16-bit grayscale PNG: PIL mode I, convert('RGB') clips to white.
    'png_gray16.png': save(gray16, 'PNG'),
}

rejects = {
    'jpeg_truncated.jpg': ('truncated', 'PIL: image file is truncated'),
    'tiff_16bit_gray.tif': ('unsupported-format', 'PIL opens I;16 and Image.resize raises "image has wrong mode"'),
    'png_gray16.png': ('unsupported-format', 'PIL opens mode I; convert(RGB) clips to white, a blank image'),
    # Not PIL's verdict but ClipAudit's limit: ImageSharp 2.1.13 fails on a TIFF without BitsPerSample (PIL omits the
    # tag for mode 1, where the default is 1). A clean reject, never a wrong picture.
    'tiff_1bit.tif': ('unreadable', 'ImageSharp cannot read a TIFF without BitsPerSample; PIL reads it as mode 1'),
}

entries = []
for name, data in cases.items():
    with open(os.path.join(here, name), 'wb') as f:
        f.write(data)
    img = Image.open(os.path.join(here, name))
    entry = {'file': name, 'pil_mode': img.mode, 'size': list(img.size)}
    if name in rejects:
        entry['reason'], entry['why'] = rejects[name]
    else:
        img.load()
        stem = name.replace('.', '_')
        for mode, fn in (('openai', openai_crop), ('hf', hf_crop)):
            crop = fn(Image.open(os.path.join(here, name)))
            if mode == 'hf' and np.array_equal(crop, np.asarray(Image.open(os.path.join(here, entry['openai'])))):
                entry[mode] = entry['openai']  # stored once when both orders give the same crop
                continue
            Image.fromarray(crop, 'RGB').save(os.path.join(here, f'{stem}.{mode}.png'), optimize=True)
            entry[mode] = f'{stem}.{mode}.png'
    entries.append(entry)
    print(name, img.mode, img.size, entry.get('reason', ''))

json.dump({'pillow_version': Image.__version__, 'files': entries}, open(os.path.join(here, 'formats.json'), 'w'), indent=1)
