"""What the office hands out: the Excel report, the printable PDF summary, the certificates."""
