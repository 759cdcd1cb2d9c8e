; Inno Setup 6 script: the Windows installer of LicenseApp (packaging/README.md, "Windows").
;
; Build on Windows, from the repository root, after packaging\build.ps1 has made
; dist\licenseapp\ (licenseapp.exe: the windowed desktop app, no console window;
; licenseapp-cli.exe: the same program for the command line):
;
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\licenseapp.iss
;
; Output: dist\LicenseApp-0.1.0-setup.exe. Sign both exes before this step and the setup after
; it (signtool; packaging/README.md "Signing").
;
; Per user, no administrator rights: installs in %LOCALAPPDATA%\Programs\LicenseApp and
; registers everything under HKEY_CURRENT_USER. An administrator may still choose "for all
; users" in the dialog Inno Setup shows (PrivilegesRequiredOverridesAllowed).

#define AppName "LicenseApp"
#define AppVersion "0.1.0"
#define AppExe "licenseapp.exe"
#define ProgId "LicenseApp.Database"

[Setup]
AppId={{6F1C2B7E-3D4A-4B8E-9C55-2A7E0D4F1B93}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=LicenseApp team
AppVerName={#AppName} {#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=resources\icons\licenseapp.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
; The third-party licences (Qt for Python under the LGPL-3.0 among them) are in the program's
; Help > About and in this file, shown before installing.
InfoBeforeFile=build\pyinstaller\THIRD-PARTY-NOTICES.txt

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "association"; Description: "Offer LicenseApp in ""Open with"" for database files (.db)"; GroupDescription: "File types:"

[Files]
Source: "dist\licenseapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; A file type of our own for LicenseApp databases, offered in Explorer's "Open with" for .db
; files without taking .db over from other SQLite programs: the program's databases are plain
; SQLite files named .db (licenseapp.db by default), so a new extension would match none of
; them, and making LicenseApp the default for every .db would be rude. {autoX} roots are
; HKCU in a per-user install, HKLM in an all-users one.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "LicenseApp database"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: association
Root: HKA; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".db"; ValueData: ""; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Tasks: association

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there: the user's databases, settings and logs (in
; %LOCALAPPDATA%\LicenseApp) stay.
Type: filesandordirs; Name: "{app}\_internal"
