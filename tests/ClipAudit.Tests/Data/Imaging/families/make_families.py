"""One-off: copies the families kit's preprocessing references (shared/clip/families/*/preprocess) into this folder.

Run with Debian's python3 (numpy, PIL 9.4): /usr/bin/python3 make_families.py /work/shared/clip
For each family and each of the 20 kit images it checks, before copying anything:
  1. the kit's uint8 image (<stem>.png, after resize/crop) re-normalised as the family's reference does reproduces
     the kit's tensor (<stem>.npy.gz) bit for bit, so the PNG carries the whole reference;
  2. PIL applying the family's transform (written out below from the upstream sources the kit's README names) to
     the original image yields the same uint8 image (all images; JPEGs too, since this PIL is the kit's decoder).
It copies every PNG, a few tensors (TENSORS) for a direct float comparison, the model's preprocessing config, and
writes families.json. Tests never run Python or read shared/.
"""
import gzip, hashlib, json, os, shutil, sys
import numpy as np
from PIL import Image

ref = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
TENSORS = ['bilevel_330x250', 'l_gray_512x384', 'rgb_wide_1000x100', 'rgb_tall_50x400']


def to_tensor_f32(u8):  # torchvision ToTensor: float32 division by 255
    return u8.transpose(2, 0, 1).astype(np.float32) / np.float32(255)


def to_tensor_hf(u8):  # HF rescale: float64 * (1/255), cast to float32
    return (u8.transpose(2, 0, 1).astype(np.float64) * 0.00392156862745098).astype(np.float32)


def open_clip_shortest(img, size, resample):
    # open_clip image_transform(is_train=False, resize_mode='shortest', square size): torchvision Resize(size) on the
    # image in its own mode (PIL forces NEAREST for '1'/'P'), CenterCrop (int(round(d/2))), then convert('RGB').
    w, h = img.size
    if w <= h:
        nw, nh = size, int(size * h / w)
    else:
        nw, nh = int(size * w / h), size
    if (nw, nh) != (w, h):
        img = img.resize((nw, nh), resample)
    left, top = int(round((nw - size) / 2.0)), int(round((nh - size) / 2.0))
    return np.asarray(img.crop((left, top, left + size, top + size)).convert('RGB')), (nw, nh), (left, top)


def siglip_squash(img, size, resample):
    # HF SiglipImageProcessor behind load_image: convert('RGB') first, then PIL resize to (size, size), no crop.
    rgb = img.convert('RGB')
    return np.asarray(rgb.resize((size, size), resample) if rgb.size != (size, size) else rgb), (size, size), (0, 0)


FAMILIES = {
    'tiny-openclip-immich': dict(config='model/visual/preprocess_cfg.json', size=240, resample=Image.BILINEAR,
                                 transform=open_clip_shortest, to_tensor=to_tensor_f32,
                                 mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
    'tiny-siglip': dict(config='model/preprocessor_config.json', size=224, resample=Image.BICUBIC,
                        transform=siglip_squash, to_tensor=to_tensor_hf, mean=[0.5] * 3, std=[0.5] * 3),
}

summary = {'source': 'shared/clip/families/<family>/preprocess (manifest.json, <stem>.png, <stem>.npy.gz)',
           'pillow_version_used_for_checks': Image.__version__, 'families': []}
for family, spec in FAMILIES.items():
    src = os.path.join(ref, 'families', family)
    dst = os.path.join(here, family)
    os.makedirs(dst, exist_ok=True)
    shutil.copy(os.path.join(src, spec['config']), os.path.join(dst, os.path.basename(spec['config'])))
    manifest = json.load(open(os.path.join(src, 'preprocess', 'manifest.json')))
    mean = np.array(spec['mean'], dtype=np.float32)[:, None, None]
    std = np.array(spec['std'], dtype=np.float32)[:, None, None]
    rows = []
    for entry in manifest['images']:
        name = entry['file']
        stem = name.rsplit('.', 1)[0]
        tensor = np.load(gzip.open(os.path.join(src, 'preprocess', stem + '.npy.gz')))
        u8 = np.asarray(Image.open(os.path.join(src, 'preprocess', stem + '.png')).convert('RGB'))
        assert tensor.dtype == np.float32 and tensor.shape == (3, spec['size'], spec['size']), name
        assert np.array_equal((spec['to_tensor'](u8) - mean) / std, tensor), (family, name, 'PNG does not carry the tensor')
        img = Image.open(os.path.join(ref, 'images', name))
        mine, resized, left_top = spec['transform'](img, spec['size'], spec['resample'])
        assert np.array_equal(mine, u8), (family, name, 'PIL transform differs from the kit')
        shutil.copy(os.path.join(src, 'preprocess', stem + '.png'), os.path.join(dst, stem + '.png'))
        row = {'file': name, 'pil_mode': img.mode, 'size': list(img.size), 'resized_size': list(resized),
               'crop_left_top': list(left_top), 'png': stem + '.png',
               'tensor_sha256': hashlib.sha256(tensor.tobytes()).hexdigest()}
        if stem in TENSORS:
            shutil.copy(os.path.join(src, 'preprocess', stem + '.npy.gz'), os.path.join(dst, stem + '.npy.gz'))
            row['tensor'] = stem + '.npy.gz'
        rows.append(row)
    summary['families'].append({'family': family, 'config': os.path.basename(spec['config']),
                                'transform': manifest['transform'], 'size': spec['size'], 'images': rows})

with open(os.path.join(here, 'families.json'), 'w') as f:
    json.dump(summary, f, indent=1)
    f.write('\n')
print('ok:', ', '.join(f"{fam['family']} {len(fam['images'])} images" for fam in summary['families']))
