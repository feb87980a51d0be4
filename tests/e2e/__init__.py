"""End-to-end tests: the installed ven-tui in a real terminal (tmux), locally and over sshd."""
