"""The unified social credit code (统一社会信用代码, GB 32100-2015)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Position 1: the registration authority; position 2: the type within it.
AUTHORITIES = {
    "1": "1239",  # 机构编制
    "2": "19",  # 外交
    "3": "1239",  # 司法行政
    "4": "19",  # 文化
    "5": "1239",  # 民政: 社会团体, 民办非企业单位, 基金会, 其他
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "19",  # 工会
    "9": "123",  # 工商 / 市场监管
    "A": "19",  # 中央军委改革和编制办公室
    "N": "12349",  # 农业
    "Y": "1",  # 其他
}
CIVIL_AFFAIRS_TYPES = {"1": "association", "2": "social_service", "3": "foundation", "9": "other"}


def normalize_uscc(value):
    return (value or "").replace(" ", "").replace("-", "").upper()


def uscc_check_character(first17):
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def validate_uscc(value):
    """Validate a code, saying which part is wrong."""
    code = normalize_uscc(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="length",
            params={"n": len(code)},
        )
    bad = sorted({c for c in code if c not in CHARSET})
    if bad:
        raise ValidationError(
            _(
                "The code contains characters that are never used: %(chars)s (the letters I, O, Z, S and V "
                "never appear)."
            ),
            code="charset",
            params={"chars": " ".join(bad)},
        )
    authority, kind = code[0], code[1]
    if authority not in AUTHORITIES:
        raise ValidationError(
            _("Position 1 (registration authority) cannot be %(c)s."), code="authority", params={"c": authority}
        )
    if kind not in AUTHORITIES[authority]:
        raise ValidationError(
            _("Position 2 (organization type) cannot be %(c)s for registration authority %(a)s."),
            code="type",
            params={"c": kind, "a": authority},
        )
    if not code[2:8].isdigit():
        raise ValidationError(_("Positions 3–8 (administrative division code) must be six digits."), code="division")
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _(
                "The check character (position 18) is wrong: with these first 17 characters it must be "
                "%(expected)s. Please check the code for a typing error."
            ),
            code="check",
            params={"expected": expected},
        )
