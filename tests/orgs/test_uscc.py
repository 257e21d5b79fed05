import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from orgs.validators import CHARSET, uscc_check_character, validate_uscc
from tests.factories import make_uscc


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_published_codes_pass(code):
    validate_uscc(code)


def test_a_banner_social_service_institution_code_passes():
    first17 = "52150627MJ1234567"
    validate_uscc(first17 + uscc_check_character(first17))


def test_spaces_hyphens_and_lower_case_are_tolerated():
    validate_uscc("91350100-m000100y43")


@pytest.mark.parametrize(
    ("code", "part"),
    [
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y4Z", "charset"),
        ("91350100M000100I43", "charset"),
        ("Z1350100M000100Y43", "charset"),
        ("B1350100M000100Y43", "authority"),
        ("54150627MJ0000000X", "type"),
        ("5215A627MJ00000000", "division"),
        ("91350100M000100Y44", "check"),
    ],
)
def test_a_wrong_code_says_which_part_is_wrong(code, part):
    with pytest.raises(ValidationError) as error:
        validate_uscc(code)
    assert error.value.code == part


def test_the_check_message_names_the_expected_character():
    with pytest.raises(ValidationError) as error:
        validate_uscc("91350100M000100Y44")
    assert "3" in error.value.messages[0]


@given(st.integers(min_value=0, max_value=31**9 - 1), st.sampled_from("1239"))
def test_every_generated_civil_affairs_code_passes_and_any_single_change_of_the_check_fails(n, kind):
    code = make_uscc(n, kind=kind)
    validate_uscc(code)
    wrong = CHARSET[(CHARSET.index(code[17]) + 1) % 31]
    with pytest.raises(ValidationError):
        validate_uscc(code[:17] + wrong)
