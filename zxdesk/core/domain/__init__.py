"""Domain vocabulary: codes stored in the database and the Chinese labels users see."""
