"""Likeness model package: the FLUX LoRA trainer and headshot predictor behind cog-model.

Modules that need torch/diffusers (``flux_training``, ``flux_inference``, ``tiny_flux``) import them
lazily, so validation, dataset preparation, the LoRA cache and the schema checks run (and are tested)
on a machine with neither.
"""
