@echo off
rem calsync launcher for Windows: finds java through JAVA_HOME (else the java on PATH), builds
rem app\target\calsync.jar with mvnw.cmd on the first run, then runs the CLI. Needs a JDK 21+.
setlocal
set "REPO=%~dp0"
set "JAR=%REPO%app\target\calsync.jar"

if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo calsync needs a JDK 21 or newer: set JAVA_HOME to one ^(found none at "%JAVA%"^) 1>&2
  exit /b 1
)

if not exist "%JAR%" (
  echo building calsync ^(first run^)... 1>&2
  pushd "%REPO%"
  call mvnw.cmd -q -B -DskipTests package -pl app -am 1>&2
  popd
  if not exist "%JAR%" (
    echo calsync: the build failed; run mvnw.cmd -B package -pl app -am to see why 1>&2
    exit /b 1
  )
)

set "CACHE=%LOCALAPPDATA%\calsync"
if not exist "%CACHE%" mkdir "%CACHE%" >nul 2>&1
set "CDS="
if exist "%CACHE%" set "CDS=-XX:SharedArchiveFile=%CACHE%\calsync.jsa -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"

"%JAVA%" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xshare:auto %CDS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
