"""Reading, storing and measuring the Partnerstwo Lokalne data of PUP Płock (no UI code here)."""
