# Break grid, Breaks and Airings arrive with the broadcasting issue (see DESIGN.md).
