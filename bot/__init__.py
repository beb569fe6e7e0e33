"""StoryBot: answers questions about one news story, always saying who said what."""
