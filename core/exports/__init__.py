"""What a reception of the club takes away: the workbook, the slides' content and the PowerPoint deck."""
