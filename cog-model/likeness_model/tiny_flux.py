"""FLUX pipelines built in code with random weights: a tiny one for the GPU tests, and the transformer
and VAE of FLUX.1-dev's exact shapes for the benchmark. Nothing is downloaded (no Hub access on the
GPU machine, and the real weights are not ours to ship); tokenizers are built from a character
vocabulary, so different prompts still give different embeddings.
"""

from __future__ import annotations

import string
from typing import Any

# FLUX.1-dev's published configs (transformer/config.json and vae/config.json of the model repo).
FLUX_DEV_TRANSFORMER: dict[str, Any] = dict(
    patch_size=1,
    in_channels=64,
    num_layers=19,
    num_single_layers=38,
    attention_head_dim=128,
    num_attention_heads=24,
    joint_attention_dim=4096,
    pooled_projection_dim=768,
    guidance_embeds=True,
    axes_dims_rope=(16, 56, 56),
)
FLUX_DEV_VAE: dict[str, Any] = dict(
    in_channels=3,
    out_channels=3,
    down_block_types=("DownEncoderBlock2D",) * 4,
    up_block_types=("UpDecoderBlock2D",) * 4,
    block_out_channels=(128, 256, 512, 512),
    layers_per_block=2,
    latent_channels=16,
    norm_num_groups=32,
    sample_size=1024,
    scaling_factor=0.3611,
    shift_factor=0.1159,
    use_quant_conv=False,
    use_post_quant_conv=False,
    force_upcast=True,
)
T5_SEQ_LEN = 512
T5_DIM = 4096
CLIP_POOLED_DIM = 768


def _char_tokenizer(max_length: int):
    from tokenizers import Regex, Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    chars = string.ascii_lowercase + string.digits + " ,.:;'-"
    vocab = {"[PAD]": 0, "[UNK]": 1, "</s>": 2}
    vocab.update({c: i + 3 for i, c in enumerate(chars)})
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex("."), behavior="isolated")
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        pad_token="[PAD]",
        unk_token="[UNK]",
        eos_token="</s>",
        model_max_length=max_length,
    ), len(vocab)


def build_tiny_pipeline(seed: int = 0, *, guidance_embeds: bool = True):
    """A FluxPipeline with every component tiny and random but FLUX's geometry: the VAE downsamples
    8× to 16 channels and packing makes 64 (16 × 2 × 2), so an image has as many tokens as it would
    on the real model (256 px → 256), which keeps CPU tests at the schema's sizes fast. Two double
    and two single blocks. ``guidance_embeds=False`` is FLUX.1-schnell's shape (no guidance input)."""
    import torch
    from diffusers import AutoencoderKL, FlowMatchEulerDiscreteScheduler, FluxPipeline, FluxTransformer2DModel
    from transformers import CLIPTextConfig, CLIPTextModel, T5Config, T5EncoderModel

    tokenizer, vocab_size = _char_tokenizer(77)
    tokenizer_2, _ = _char_tokenizer(512)
    torch.manual_seed(seed)
    text_encoder = CLIPTextModel(
        CLIPTextConfig(
            vocab_size=vocab_size,
            hidden_size=32,
            intermediate_size=64,
            num_hidden_layers=2,
            num_attention_heads=4,
            max_position_embeddings=77,
            projection_dim=32,
            pad_token_id=0,
            bos_token_id=0,
            eos_token_id=2,
        )
    )
    torch.manual_seed(seed + 1)
    text_encoder_2 = T5EncoderModel(
        T5Config(
            vocab_size=vocab_size, d_model=32, d_kv=8, d_ff=64, num_layers=2, num_heads=4, pad_token_id=0
        )
    )
    torch.manual_seed(seed + 2)
    vae = AutoencoderKL(
        in_channels=3,
        out_channels=3,
        down_block_types=("DownEncoderBlock2D",) * 4,
        up_block_types=("UpDecoderBlock2D",) * 4,
        block_out_channels=(8, 16, 16, 16),
        layers_per_block=1,
        latent_channels=16,
        norm_num_groups=8,
        sample_size=256,
        scaling_factor=0.3611,
        shift_factor=0.1159,
        use_quant_conv=False,
        use_post_quant_conv=False,
    )
    torch.manual_seed(seed + 3)
    transformer = FluxTransformer2DModel(
        patch_size=1,
        in_channels=64,
        num_layers=2,
        num_single_layers=2,
        attention_head_dim=16,
        num_attention_heads=2,
        joint_attention_dim=32,
        pooled_projection_dim=32,
        guidance_embeds=guidance_embeds,
        axes_dims_rope=(4, 6, 6),
    )
    return FluxPipeline(
        scheduler=FlowMatchEulerDiscreteScheduler(shift=3.0, use_dynamic_shifting=True),
        vae=vae,
        text_encoder=text_encoder,
        text_encoder_2=text_encoder_2,
        tokenizer=tokenizer,
        tokenizer_2=tokenizer_2,
        transformer=transformer,
    )


def _build_on(device, dtype, make):
    """Initialise straight on the device in the target dtype: the 11.9 B-parameter transformer in
    fp32 would need 48 GB before it could be cast."""
    import torch

    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        with torch.device(device):
            model = make()
    finally:
        torch.set_default_dtype(previous)
    return model.eval().requires_grad_(False)


def build_full_size_transformer(dtype, device):
    """FLUX.1-dev-shaped transformer with random weights."""
    from diffusers import FluxTransformer2DModel

    return _build_on(device, dtype, lambda: FluxTransformer2DModel(**FLUX_DEV_TRANSFORMER))


def build_full_size_vae(dtype, device):
    from diffusers import AutoencoderKL

    return _build_on(device, dtype, lambda: AutoencoderKL(**FLUX_DEV_VAE))


def build_tiny_safety_classifier(folder, *, blocks_everything: bool = False) -> None:
    """A tiny random ViT image classifier with the NSFW checker's labels, saved with its image
    processor as transformers saves Falconsai/nsfw_image_detection. Its head is set so that every
    image is "normal", or with ``blocks_everything`` every image is "nsfw": the predictor's handling
    of both verdicts is what the tests check, not the classifier."""
    import torch
    from transformers import ViTConfig, ViTForImageClassification, ViTImageProcessorPil

    torch.manual_seed(0)
    model = ViTForImageClassification(
        ViTConfig(
            image_size=32,
            patch_size=8,
            hidden_size=16,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=32,
            num_labels=2,
            id2label={0: "normal", 1: "nsfw"},
            label2id={"normal": 0, "nsfw": 1},
        )
    )
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([0.0, 1.0] if blocks_everything else [1.0, 0.0]))
    model.save_pretrained(str(folder))
    ViTImageProcessorPil(size={"height": 32, "width": 32}).save_pretrained(str(folder))
