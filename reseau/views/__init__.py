"""What a person reads in the terminal: agenda, show, graph, path — pure functions returning text."""
