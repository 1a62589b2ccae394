import Logging
import VigilCLI

LoggingSystem.bootstrap(StreamLogHandler.standardError)
await VigilCommand.runFromCommandLine()
