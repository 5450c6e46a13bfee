<#
.SYNOPSIS
  Registers (or removes) a Windows scheduled task that keeps the calsync agent running.

.DESCRIPTION
  The task starts at logon of the installing user (default; the agent then runs in the user's
  session, where Outlook is reachable) or, with -AtStartup, when Windows starts (without a logged-on
  user: fine for CalDAV, ICS and Google sources, not for Outlook). It runs this script with
  -Supervise, which runs run_agent.bat, appends its output to <InstallDir>\logs\agent.log and starts
  it again after a failure. Exit 0 (stopped) and exit 78 (configuration problem: a restart cannot fix
  it) end the task instead. Task Scheduler's own restart-on-failure settings are set too, as a
  second net for when the supervisor itself cannot start.

  See docs/agent-service.md.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File C:\CalendarAgent\install-agent-task.ps1
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File C:\CalendarAgent\install-agent-task.ps1 -AtStartup   # as administrator
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File C:\CalendarAgent\install-agent-task.ps1 -Uninstall
#>
[CmdletBinding()]
param(
  # The folder with run_agent.bat, calsync.jar and outlook_config.json (default: this script's folder).
  [string]$InstallDir = $PSScriptRoot,
  # The agent configuration (default: outlook_config.json in InstallDir).
  [string]$Config,
  # Start when Windows starts instead of at logon (needs an elevated prompt).
  [switch]$AtStartup,
  [string]$TaskName = 'calsync agent',
  # Remove the task (the files stay).
  [switch]$Uninstall,
  # Used by the task itself: run the agent and restart it after failures.
  [switch]$Supervise,
  [int]$RestartDelaySeconds = 30
)
$ErrorActionPreference = 'Stop'
$ExConfig = 78
$InstallDir = (Resolve-Path -LiteralPath $InstallDir).Path
if (-not $Config) { $Config = Join-Path $InstallDir 'outlook_config.json' }
$bat = Join-Path $InstallDir 'run_agent.bat'

if ($Uninstall) {
  if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) {
    Stop-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue
    Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
    Write-Host "Removed the scheduled task '$TaskName'. The files in $InstallDir are still there."
  } else {
    Write-Host "There is no scheduled task '$TaskName'."
  }
  exit 0
}

if (-not (Test-Path -LiteralPath $bat)) {
  Write-Error "run_agent.bat is not in ${InstallDir}: copy it there (with calsync.jar and outlook_config.json) or pass -InstallDir"
}

if ($Supervise) {
  $logDir = Join-Path $InstallDir 'logs'
  New-Item -ItemType Directory -Force -Path $logDir | Out-Null
  $log = Join-Path $logDir 'agent.log'
  $env:CALSYNC_AGENT_CONFIG = $Config
  while ($true) {
    # cmd /s /c "...": the outer quotes are removed and the rest is run as written, so paths with
    # spaces stay quoted; the redirection appends stdout and stderr of every run to one log.
    $p = Start-Process -FilePath 'cmd.exe' -WorkingDirectory $InstallDir -NoNewWindow -Wait -PassThru `
      -ArgumentList "/d /s /c `"`"$bat`" >> `"$log`" 2>&1`""
    $code = $p.ExitCode
    $now = Get-Date -Format o
    if ($code -eq 0) { exit 0 }
    if ($code -eq $ExConfig) {
      Add-Content -LiteralPath $log "$now run_agent.bat: configuration problem (exit $ExConfig); not restarting: fix it, then start the task again"
      exit $ExConfig
    }
    Add-Content -LiteralPath $log "$now run_agent.bat exited with $code; starting it again in $RestartDelaySeconds s"
    Start-Sleep -Seconds $RestartDelaySeconds
  }
}

$user = "$env:USERDOMAIN\$env:USERNAME"
$action = New-ScheduledTaskAction -Execute 'powershell.exe' -WorkingDirectory $InstallDir -Argument (
  "-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File `"$PSCommandPath`"" +
  " -Supervise -InstallDir `"$InstallDir`" -Config `"$Config`" -RestartDelaySeconds $RestartDelaySeconds")
if ($AtStartup) {
  $trigger = New-ScheduledTaskTrigger -AtStartup
  # S4U: runs without a logged-on user and without storing a password (no access to network shares).
  $principal = New-ScheduledTaskPrincipal -UserId $user -LogonType S4U -RunLevel Limited
} else {
  $trigger = New-ScheduledTaskTrigger -AtLogOn -User $user
  $principal = New-ScheduledTaskPrincipal -UserId $user -LogonType Interactive -RunLevel Limited
}
$settings = New-ScheduledTaskSettingsSet -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
  -ExecutionTimeLimit ([TimeSpan]::Zero) -StartWhenAvailable -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries `
  -MultipleInstances IgnoreNew
Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Principal $principal -Settings $settings `
  -Description 'calsync agent: bidirectional calendar sync with the calsync master (docs/agent-service.md)' -Force | Out-Null
Start-ScheduledTask -TaskName $TaskName
Write-Host "Registered and started the scheduled task '$TaskName' ($(if ($AtStartup) { 'at startup' } else { "at logon of $user" }))."
Write-Host "Log: $(Join-Path $InstallDir 'logs\agent.log')   Remove it with: $PSCommandPath -Uninstall"
