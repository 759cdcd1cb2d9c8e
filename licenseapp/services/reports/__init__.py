"""Printed reports as use cases: what each says, on the local day of the app's clock.

One small module per report (:mod:`.pending`, :mod:`.expiring`, :mod:`.case_record`), each
returning a plain :class:`~licenseapp.pdf.report_model.Report` that
:mod:`licenseapp.pdf.reports` lays out; :mod:`.building` picks the report a
:class:`~.request.ReportRequest` asks for and renders it. The command line and the desktop
app's Reports screen both call :func:`.building.make_report`.
"""
