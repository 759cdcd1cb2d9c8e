"""Packaging glue that pyproject.toml cannot say: ``resources/`` installs as
``licenseapp.resources`` so the running program finds it in a wheel and a bundle alike."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["licenseapp", "licenseapp.*"]), "licenseapp.resources"],
    package_dir={"licenseapp.resources": "resources"},
    package_data={
        "licenseapp": ["py.typed", "store/migrations/script.py.mako"],
        "licenseapp.resources": ["**/*"],
    },
    include_package_data=False,
)
