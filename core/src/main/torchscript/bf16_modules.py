"""Writes the TorchScript modules behind `precision: bf16` (ptune.model.Bf16Linears).

DJL 0.36's PyTorch JNI maps no bfloat16 tensor type, so Java cannot cast to bf16 itself; these two
modules, loaded by DJL, do the casts and the bf16 matmul inside libtorch, and autograd runs through
them. They hold no parameters and are written once, not at build time:

    /usr/bin/python3 core/src/main/torchscript/bf16_modules.py core/src/main/resources/ptune/model

(Debian's python3-torch 1.13 wrote the committed archives; libtorch 2.7.1 in DJL loads them. Their
behaviour is tested in core: OnnxRuntimeParityTest and Bf16FrozenBackboneTest.)
"""
import sys
from typing import Optional

import torch


class ToBf16(torch.nn.Module):
    """A frozen weight [out, in] fp32 to a bf16 copy, made once per weight."""

    def forward(self, weight: torch.Tensor) -> torch.Tensor:
        return weight.detach().to(torch.bfloat16)


class Bf16Linear(torch.nn.Module):
    """x W^T + b with x and W in bf16 (fp32 accumulation in oneDNN), the result back in fp32.

    x: [..., in] fp32 (may require grad), weight: [out, in] bf16 (frozen), bias: [out] fp32.
    The backward pass multiplies the output gradient by the bf16 weight the same way.
    """

    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: Optional[torch.Tensor]) -> torch.Tensor:
        y = torch.nn.functional.linear(x.to(torch.bfloat16), weight).to(torch.float32)
        if bias is not None:
            y = y + bias
        return y


if __name__ == "__main__":
    out = sys.argv[1]
    torch.jit.script(ToBf16()).save(f"{out}/bf16-cast.pt")
    torch.jit.script(Bf16Linear()).save(f"{out}/bf16-linear.pt")
