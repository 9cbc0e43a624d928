"""Reading and writing pabulib `.pb` election files (https://pabulib.org/format)."""
