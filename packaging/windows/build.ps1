# Build the Windows bundle and installer (packaging/README.md, "Windows"). From the
# repository root in PowerShell, with Python 3.13 (python.org, "py" launcher) and Inno Setup 6:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Output: dist\licenseapp\ (licenseapp.exe windowed, licenseapp-cli.exe for the command line)
# and dist\LicenseApp-<version>-setup.exe.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$venv = "build\bundle-venv"
if (-not (Test-Path "$venv\Scripts\python.exe")) { py -3.13 -m venv $venv }
& "$venv\Scripts\python.exe" -m pip install -q --disable-pip-version-check ".[bundle]"
& "$venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN --distpath dist `
  --workpath build\pyinstaller packaging\licenseapp.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
& "dist\licenseapp\licenseapp-cli.exe" --version
# Sign here (packaging/README.md, "Signing"), then make the installer:
$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
& $iscc packaging\windows\licenseapp.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
