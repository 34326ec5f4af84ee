# The versioned rate card arrives with the pricing issue (see DESIGN.md).
