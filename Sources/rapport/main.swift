import RapportCLI

RapportCommand.main()
