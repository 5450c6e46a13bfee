@echo off
rem Starts the calsync agent (the product description's run_agent.bat):
rem
rem   run_agent.bat [CONFIG] [calsync agent options...]
rem   run_agent.bat --help
rem
rem CONFIG is the first argument unless it starts with '-', else %CALSYNC_AGENT_CONFIG%, else
rem outlook_config.json in the current folder. calsync: %CALSYNC_JAR%, else calsync.jar next to
rem this script (an installed agent), else app\target\calsync.jar of the repository it is in
rem (build it with mvnw.cmd -B -DskipTests package -pl app -am). Java 21 or newer: %JAVA_HOME%,
rem else the java on PATH.
rem
rem The configuration is validated (calsync agent --check) before the agent starts, so that the
rem scheduled task (deploy\agent\install-agent-task.ps1) can tell a mistake from a failure.
rem Exit codes: 0 the agent stopped normally; 78 configuration problem (config missing or invalid,
rem no Java 21+, no calsync.jar): fix it, a restart does not help; other: the agent failed while
rem running, restart it.
setlocal EnableExtensions DisableDelayedExpansion
set "EX_CONFIG=78"
set "HERE=%~dp0"

set "CONFIG=%CALSYNC_AGENT_CONFIG%"
if not defined CONFIG set "CONFIG=outlook_config.json"
set "FIRST=%~1"
if not defined FIRST goto args
if "%FIRST:~0,1%"=="-" goto args
set "CONFIG=%~1"
shift

rem The remaining arguments, passed on to calsync agent; -h/--help shows its help.
:args
set "REST="
set "HELP="
:collect
if "%~1"=="" goto collected
if /i "%~1"=="-h" set "HELP=1"
if /i "%~1"=="--help" set "HELP=1"
set REST=%REST% "%~1"
shift
goto collect
:collected

set "JAR=%CALSYNC_JAR%"
if not defined JAR if exist "%HERE%calsync-agent.jar" set "JAR=%HERE%calsync-agent.jar"
if not defined JAR if exist "%HERE%calsync.jar" set "JAR=%HERE%calsync.jar"
if not defined JAR if exist "%HERE%app\target\calsync.jar" set "JAR=%HERE%app\target\calsync.jar"
if not defined JAR goto nojar
if not exist "%JAR%" goto nojar

set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for /f "delims=" %%j in ('where java 2^>nul') do if not defined JAVA set "JAVA=%%j"
if not defined JAVA goto nojava
rem The version is the third word of the first line java -version prints: "21.0.2", "1.8.0_381".
set "JVERSION="
for /f "tokens=3" %%v in ('"%JAVA%" -version 2^>^&1 ^| findstr /i version') do if not defined JVERSION set "JVERSION=%%~v"
set "JMAJOR=0"
if defined JVERSION for /f "delims=.-_+" %%m in ("%JVERSION%") do set "JMAJOR=%%m"
set /a JMAJOR=JMAJOR+0 >nul 2>&1
if %JMAJOR% LSS 21 goto oldjava

set "JFLAGS=--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
if defined HELP goto help
if not exist "%CONFIG%" goto noconfig
"%JAVA%" %JFLAGS% -jar "%JAR%" agent --config "%CONFIG%" %REST% --check >nul
if errorlevel 1 goto badconfig
"%JAVA%" %JFLAGS% -jar "%JAR%" agent --config "%CONFIG%" %REST%
exit /b %ERRORLEVEL%

:help
echo run_agent.bat [CONFIG] [OPTIONS]: runs calsync agent --config CONFIG (default %%CALSYNC_AGENT_CONFIG%%, else outlook_config.json).
echo Exit codes: 0 stopped, 78 configuration problem (no restart helps), other: failed, restart.
echo.
"%JAVA%" %JFLAGS% -jar "%JAR%" agent --config "%CONFIG%" %REST%
exit /b %ERRORLEVEL%

:nojar
echo run_agent.bat: no calsync jar: copy app\target\calsync.jar next to this script (%HERE%) or set CALSYNC_JAR 1>&2
exit /b %EX_CONFIG%

:nojava
echo run_agent.bat: no Java found: install a JDK 21 or newer (e.g. Temurin from adoptium.net) and set JAVA_HOME to it 1>&2
exit /b %EX_CONFIG%

:oldjava
echo run_agent.bat: calsync needs Java 21 or newer, but %JAVA% is version %JVERSION%: install a JDK 21+ and set JAVA_HOME to it 1>&2
exit /b %EX_CONFIG%

:noconfig
echo run_agent.bat: no agent configuration at %CONFIG%: pass its path as the first argument or set CALSYNC_AGENT_CONFIG 1>&2
exit /b %EX_CONFIG%

:badconfig
echo run_agent.bat: the agent was not started: %CONFIG% is not usable (see above); fix it, then start again 1>&2
exit /b %EX_CONFIG%
