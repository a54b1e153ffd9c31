; NSIS installer for the Windows one-folder build (dist/zxdesk from installer/zxdesk.spec).
; makensis -DVERSION=0.1.0 -DSRCDIR=..\dist\zxdesk installer\zxdesk.nsi
Unicode true
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef SRCDIR
  !define SRCDIR "..\dist\zxdesk"
!endif
Name "政协委员履职工作台 zxdesk ${VERSION}"
OutFile "zxdesk-setup-${VERSION}.exe"
InstallDir "$PROGRAMFILES64\zxdesk"
RequestExecutionLevel admin
SetCompressor /SOLID lzma

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "zxdesk"
  SetOutPath "$INSTDIR"
  File /r "${SRCDIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\政协委员履职工作台.lnk" "$INSTDIR\zxdesk.exe"
  CreateDirectory "$SMPROGRAMS\zxdesk"
  CreateShortCut "$SMPROGRAMS\zxdesk\政协委员履职工作台.lnk" "$INSTDIR\zxdesk.exe"
  CreateShortCut "$SMPROGRAMS\zxdesk\卸载.lnk" "$INSTDIR\uninstall.exe"
SectionEnd

Section "Uninstall"
  ; The user's database lives in the user data folder and is never removed here.
  RMDir /r "$INSTDIR"
  Delete "$DESKTOP\政协委员履职工作台.lnk"
  RMDir /r "$SMPROGRAMS\zxdesk"
SectionEnd
