from wargame.cli.main import main

raise SystemExit(main())
