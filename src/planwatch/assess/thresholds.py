"""Thresholds and progress profiles as data: ``assess/thresholds.yaml``, validated on load.

The YAML documents every key in place; docs/methodology.md explains each number and its source.
``load_thresholds()`` returns the bundled file (cached); ``load_thresholds(path)`` reads another
one. Problems are reported all at once as ``ProblemsError`` (codes ``THRESHOLDS_*``).
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from planwatch.domain.enums import Severity, Status
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.yamlfile import YamlError, load_yaml, validation_problems

THRESHOLDS_FILE = "thresholds.yaml"


def _fraction(value: object) -> object:
    """Accept ``5/0.7`` as the float 5.0 / 0.7 (computed exactly as the published code does)."""
    if isinstance(value, str) and "/" in value:
        top, _, bottom = value.partition("/")
        try:
            return float(top.strip()) / float(bottom.strip())
        except (ValueError, ZeroDivisionError):
            return value
    return value


Number = Annotated[float, BeforeValidator(_fraction)]
ThresholdName = Literal["high", "med", "low"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(_Model):
    """Three cut-offs, high ≥ med ≥ low."""

    high: Number
    med: Number
    low: Number

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.high >= self.med >= self.low:
            raise ValueError("需要 high ≥ med ≥ low")
        return self

    def as_dict(self) -> dict[str, float]:
        return {"high": self.high, "med": self.med, "low": self.low}


class Band(_Model):
    """One status band: the value reaches ``at_least`` (inclusive) or exceeds ``above`` (strict).

    A bound is a number, a threshold name (``high``), or its negative (``-high``); ``null`` means
    everything below the previous band.
    """

    at_least: Number | str | None = None
    above: Number | str | None = None
    name: str = Field(min_length=1)
    status: Status

    @model_validator(mode="after")
    def _one_bound(self) -> Self:
        if self.at_least is not None and self.above is not None:
            raise ValueError("at_least 与 above 只能写一个")
        for bound in (self.at_least, self.above):
            if isinstance(bound, str) and bound.lstrip("-") not in ("high", "med", "low"):
                raise ValueError(f"界限「{bound}」应为数字、high、med、low 或其负数（如 -high）")
        return self

    def bound(self, thresholds: dict[str, float]) -> tuple[float | None, bool]:
        """(bound value, inclusive) with threshold names resolved; (None, True) for the last band."""
        raw, inclusive = (self.at_least, True) if self.above is None else (self.above, False)
        if raw is None:
            return None, True
        if isinstance(raw, str):
            negative = raw.startswith("-")
            value = thresholds[raw.lstrip("-")]
            return (-abs(value) if negative else value), inclusive
        return float(raw), inclusive


def band_of(value: float, bands: list[Band], thresholds: dict[str, float]) -> Band:
    """The first band whose bound ``value`` reaches (the last band catches everything below)."""
    for band in bands:
        bound, inclusive = band.bound(thresholds)
        if bound is None or (value >= bound if inclusive else value > bound):
            return band
    return bands[-1]


class _Banded(_Model):
    thresholds: Thresholds
    bands: list[Band] = Field(min_length=2)

    @model_validator(mode="after")
    def _catch_all(self) -> Self:
        last = self.bands[-1]
        if last.at_least is not None or last.above is not None:
            raise ValueError("最后一个区间应写 at_least: null（其余所有值）")
        return self


class NoTargetMethod(_Banded):
    """Method 1 (no quantified target): thresholds on d·s·CAGR and the natural-limit factor."""

    scaled_by_limit: list[ThresholdName] = Field(default_factory=list)
    limit_exponent: Number = Field(gt=0)


class WithTargetMethod(_Banded):
    """Method 2 (quantified target): thresholds on the CAGR ratio."""


class Line(_Model):
    slope: Number
    intercept: Number


class StatcanNoTargetScore(_Model):
    below_low: Line
    low_to_med: Line
    med_to_high: Line
    above_high: Line


class StatcanWithTargetScore(_Model):
    at_least_med: Line
    below_med: Line


class StatcanScore(_Model):
    """sdg-build ``get_score``: piecewise lines, capped at ±cap."""

    style: Literal["statcan"]
    cap: Number = Field(gt=0)
    no_target: StatcanNoTargetScore
    with_target: StatcanWithTargetScore


class EustatScore(_Model):
    """Eustat ``get_score``: linear to ±cap at ±full_scale (method 1), two segments (method 2)."""

    style: Literal["eustat"]
    cap: Number = Field(gt=0)
    full_scale: Number = Field(gt=0)
    top: Number
    pivot: Number
    bottom: Number
    upper_slope: Number
    lower_slope: Number

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.top > self.pivot > self.bottom:
            raise ValueError("需要 top > pivot > bottom")
        return self


class Profile(_Model):
    """One progress profile: thresholds, band names and statuses, the score function."""

    label: str
    source: str
    no_target: NoTargetMethod
    with_target: WithTargetMethod
    target_achieved: str = Field(min_length=1)
    score: Annotated[StatcanScore | EustatScore, Field(discriminator="style")]
    score_bands: list[Band] = Field(min_length=2)


class EngineSettings(_Model):
    about_tolerance: Number = Field(ge=0, lt=1)
    ratio_thresholds: Thresholds
    ndrc_yellow_shortfall: Number = Field(ge=0, lt=1)
    seasonal_min_years: int = Field(ge=1)
    # One status (methodology §4): a green status whose own projection gives a chance of meeting the
    # target below this is lowered to needs_acceleration (a status never contradicts its projection).
    green_min_probability: Number = Field(default=0.1, ge=0, le=1)


class FittedTrendSettings(_Model):
    min_points: int = Field(ge=3)
    max_points: int = Field(ge=3)
    interval_level: Number = Field(gt=0, lt=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.max_points < self.min_points:
            raise ValueError("max_points 不能小于 min_points")
        return self


class ProjectionSettings(_Model):
    fitted_trend: FittedTrendSettings


class ThresholdsFile(_Model):
    """The whole of thresholds.yaml."""

    default_profile: str
    profiles: dict[str, Profile] = Field(min_length=1)
    engine: EngineSettings
    projection: ProjectionSettings

    @model_validator(mode="after")
    def _default_known(self) -> Self:
        if self.default_profile not in self.profiles:
            raise ValueError(f"default_profile「{self.default_profile}」不在 profiles 中")
        return self

    def profile(self, name: str | None = None) -> Profile:
        """The named profile (default: ``default_profile``); unknown names raise ProblemsError."""
        key = name or self.default_profile
        if key not in self.profiles:
            raise ProblemsError(
                [
                    Problem(
                        "THRESHOLDS_PROFILE_UNKNOWN",
                        Severity.ERROR,
                        Location(),
                        {"profile": key, "known": "、".join(self.profiles)},
                    )
                ]
            )
        return self.profiles[key]


def default_thresholds_path() -> Path:
    return Path(str(resources.files("planwatch.assess").joinpath(THRESHOLDS_FILE)))


@functools.lru_cache(maxsize=4)
def _load_cached(path: str) -> ThresholdsFile:
    file = Path(path)
    if not file.exists():
        raise ProblemsError([Problem("THRESHOLDS_NOT_FOUND", Severity.ERROR, Location(file=path), {"file": path})])
    return parse_thresholds(file.read_text(encoding="utf-8"), file=path)


def load_thresholds(path: str | Path | None = None) -> ThresholdsFile:
    """The bundled thresholds (default) or another file; cached per path."""
    return _load_cached(str(path) if path is not None else str(default_thresholds_path()))


def parse_thresholds(text: str, *, file: str = "<thresholds>") -> ThresholdsFile:
    try:
        document = load_yaml(text, file=file, prefix="THRESHOLDS")
    except YamlError as exc:
        raise ProblemsError([exc.problem]) from None
    data: Any = document.data
    if not isinstance(data, dict):
        raise ProblemsError([Problem("THRESHOLDS_SHAPE", Severity.ERROR, Location(file=file, line=1), {})])
    try:
        return ThresholdsFile.model_validate(data)
    except ValidationError as exc:
        raise ProblemsError(validation_problems(exc, file, document.lines, "THRESHOLDS")) from None
