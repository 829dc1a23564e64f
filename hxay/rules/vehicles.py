"""Obligations of the student-transport checks: 不漏一校、不漏一车、不漏一人, bans, documents."""

from __future__ import annotations

from hxay.models import campaign as c
from hxay.models.findings import Finding
from hxay.rules.base import Ctx


def vehicle_registration(ctx: Ctx, p: c.VehicleRegistrationParams) -> list[Finding]:
    raise NotImplementedError


def vehicle_check(ctx: Ctx, p: c.VehicleCheckParams) -> list[Finding]:
    raise NotImplementedError


def driver_check(ctx: Ctx, p: c.DriverCheckParams) -> list[Finding]:
    raise NotImplementedError


def vehicle_ban(ctx: Ctx, p: c.VehicleBanParams) -> list[Finding]:
    raise NotImplementedError


def vehicle_documents(ctx: Ctx, p: c.VehicleDocumentsParams) -> list[Finding]:
    raise NotImplementedError
