import Logging
import VigilCLI

LoggingSystem.bootstrap(JournalLogHandler.bootstrap(label:))
await VigilCommand.runFromCommandLine()
