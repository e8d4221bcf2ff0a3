"""One-off: reference outputs of open_clip's resize modes (longest + pad, squash, shortest) with Pillow's BILINEAR and
BICUBIC, on small odd-sized images, for ResizeModeGoldenTests.

Run with Debian's python3 (python3-pil 9.4, python3-numpy, python3-torchvision 0.14):
    /usr/bin/python3 make_resize_modes.py
The transform is open_clip's eval `image_transform` (src/open_clip/transform.py, read at commit 02191216):
  longest:  ResizeKeepRatio(size, interpolation, longest=1) then CenterCropOrPad(size, fill=fill_color)
  squash:   torchvision Resize((h, w), interpolation)
  shortest: torchvision Resize(size, interpolation) then CenterCrop(size)
then MaybeConvertMode ('RGB'). ResizeKeepRatio.get_params and center_crop_or_pad are written out below (same
arithmetic, without the training-time randomness) on top of the real torchvision functions (F.resize, F.pad, F.crop).
The "hf" order converts to RGB first (as HF's pipelines feed their image processors).
Inputs are generated from a fixed seed. Outputs: <case>/<stem>.png (uint8 RGB), <case>/preprocess_cfg.json
(mean 0, std 1, so a tensor is the uint8 image / 255), cases.json. An image the reference cannot pad exactly in ClipAudit
(palette) is listed with its expected error.
"""
import json, os, shutil
import numpy as np
from PIL import Image
import torchvision
import torchvision.transforms as T
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240515)


def smooth(h, w, c):
    # Gradients plus noise: smooth enough for the filters' lobes to matter, noisy enough to exercise clamping.
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([(x * 255 // max(w - 1, 1)), (y * 255 // max(h - 1, 1)), ((x + y) * 7) % 256][:c] +
                    [((x * y) * 3) % 256] * max(0, c - 3), axis=-1)
    return np.clip(base + rng.integers(-60, 61, size=(h, w, c)), 0, 255).astype(np.uint8)


def inputs():
    images = {
        'rgb_portrait_37x91.png': Image.fromarray(smooth(91, 37, 3), 'RGB'),
        'rgb_landscape_123x45.png': Image.fromarray(smooth(45, 123, 3), 'RGB'),
        'rgb_odd_61x59.png': Image.fromarray(rng.integers(0, 256, size=(59, 61, 3), dtype=np.uint8), 'RGB'),
        'rgb_thin_200x3.png': Image.fromarray(smooth(3, 200, 3), 'RGB'),
        'l_gray_29x64.png': Image.fromarray(smooth(64, 29, 1)[:, :, 0], 'L'),
        'bilevel_41x17.png': Image.fromarray(smooth(17, 41, 1)[:, :, 0], 'L').convert('1'),
    }
    rgba = smooth(31, 50, 4)
    rgba[:, :8, 3] = 0          # fully transparent strip: its colour must not leak (premultiplied resize)
    images['rgba_alpha_50x31.png'] = Image.fromarray(rgba, 'RGBA')
    la = smooth(20, 33, 2)
    la[:5, :, 1] = 0
    images['la_gray_33x20.png'] = Image.fromarray(la, 'LA')
    pal = Image.fromarray(smooth(50, 30, 3), 'RGB').quantize(colors=16, method=Image.Quantize.MEDIANCUT)
    images['p_palette_30x50.png'] = pal
    return images


def keep_ratio_size(img, target_size, longest):
    # ResizeKeepRatio.get_params with ratio_factor (1, 1): the side ratios combined by `longest`, round() per side.
    h, w = img.size[::-1]
    target_h, target_w = target_size
    ratio_h, ratio_w = h / target_h, w / target_w
    ratio = max(ratio_h, ratio_w) * longest + min(ratio_h, ratio_w) * (1. - longest)
    return [round(x * 1. / ratio) for x in (h, w)]


def center_crop_or_pad(img, output_size, fill):
    # open_clip's center_crop_or_pad: pad the short sides by (d // 2, (d + 1) // 2), then crop at int(round(d / 2)).
    _, image_height, image_width = F.get_dimensions(img)
    crop_height, crop_width = output_size
    if crop_width > image_width or crop_height > image_height:
        padding_ltrb = [
            (crop_width - image_width) // 2 if crop_width > image_width else 0,
            (crop_height - image_height) // 2 if crop_height > image_height else 0,
            (crop_width - image_width + 1) // 2 if crop_width > image_width else 0,
            (crop_height - image_height + 1) // 2 if crop_height > image_height else 0,
        ]
        img = F.pad(img, padding_ltrb, fill=fill)
        _, image_height, image_width = F.get_dimensions(img)
        if crop_width == image_width and crop_height == image_height:
            return img
    crop_top = int(round((image_height - crop_height) / 2.0))
    crop_left = int(round((image_width - crop_width) / 2.0))
    return F.crop(img, crop_top, crop_left, crop_height, crop_width)


def transform(img, cfg, order):
    size = cfg['size']
    mode = InterpolationMode.BILINEAR if cfg['interpolation'] == 'bilinear' else InterpolationMode.BICUBIC
    if order == 'hf':
        img = img.convert('RGB')
    if cfg['resize_mode'] == 'longest':
        img = F.resize(img, keep_ratio_size(img, size, 1.0), mode)
        img = center_crop_or_pad(img, size, cfg['fill_color'])
    elif cfg['resize_mode'] == 'squash':
        img = T.Resize(tuple(size), interpolation=mode)(img)
    else:
        assert size[0] == size[1]
        img = T.CenterCrop(size[0])(T.Resize(size[0], interpolation=mode)(img))
    return np.asarray(img.convert('RGB'))


CASES = [
    ('longest_bilinear_64_fill0', 'openai', dict(size=[64, 64], interpolation='bilinear', resize_mode='longest', fill_color=0)),
    ('longest_bicubic_64_fill128', 'openai', dict(size=[64, 64], interpolation='bicubic', resize_mode='longest', fill_color=128)),
    ('longest_bilinear_48x64_fill255', 'openai', dict(size=[48, 64], interpolation='bilinear', resize_mode='longest', fill_color=255)),
    ('longest_bilinear_64_fill77_hf', 'hf', dict(size=[64, 64], interpolation='bilinear', resize_mode='longest', fill_color=77)),
    ('shortest_bilinear_96_upscale', 'openai', dict(size=[96, 96], interpolation='bilinear', resize_mode='shortest', fill_color=0)),
    ('shortest_bilinear_12_downscale', 'openai', dict(size=[12, 12], interpolation='bilinear', resize_mode='shortest', fill_color=0)),
    ('squash_bilinear_40x56', 'openai', dict(size=[40, 56], interpolation='bilinear', resize_mode='squash', fill_color=0)),
    ('squash_bilinear_40x56_hf', 'hf', dict(size=[40, 56], interpolation='bilinear', resize_mode='squash', fill_color=0)),
    ('squash_bicubic_150x20', 'openai', dict(size=[150, 20], interpolation='bicubic', resize_mode='squash', fill_color=0)),
]

if os.path.isdir(os.path.join(here, 'images')):
    shutil.rmtree(os.path.join(here, 'images'))
os.makedirs(os.path.join(here, 'images'))
images = inputs()
for name, img in images.items():
    img.save(os.path.join(here, 'images', name))
summary = {'pillow': Image.__version__, 'torchvision': torchvision.__version__, 'cases': []}
for case, order, cfg in CASES:
    folder = os.path.join(here, case)
    os.makedirs(folder, exist_ok=True)
    full = dict(size=cfg['size'], mode='RGB', mean=[0.0, 0.0, 0.0], std=[1.0, 1.0, 1.0], **{k: v for k, v in cfg.items() if k != 'size'})
    with open(os.path.join(folder, 'preprocess_cfg.json'), 'w') as f:
        json.dump(full, f)
    rows = []
    for name in images:
        img = Image.open(os.path.join(here, 'images', name))  # re-read: exactly the bytes the test decodes
        out = transform(img, cfg, order)
        assert out.shape == (cfg['size'][0], cfg['size'][1], 3), (case, name, out.shape)
        row = {'file': name, 'pil_mode': img.mode}
        if cfg['resize_mode'] == 'longest' and order == 'openai' and img.mode == 'P' and \
                tuple(keep_ratio_size(img, cfg['size'], 1.0)) != tuple(cfg['size']):
            row['expected_error'] = 'unsupported-preprocessing'  # padding a palette image takes palette entry fill_color
        else:
            stem = name.rsplit('.', 1)[0]
            Image.fromarray(out, 'RGB').save(os.path.join(folder, stem + '.png'))
            row['png'] = stem + '.png'
        rows.append(row)
    summary['cases'].append({'case': case, 'order': order, 'config': 'preprocess_cfg.json', 'images': rows})
with open(os.path.join(here, 'cases.json'), 'w') as f:
    json.dump(summary, f, indent=1)
    f.write('\n')
print('ok:', len(CASES), 'cases x', len(images), 'images')
