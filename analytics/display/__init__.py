"""How the data is drawn: colours, charts and the tables pages show beside them (no Streamlit)."""
