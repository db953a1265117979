package main

import "fmt"

func findPair(m [][]int, target int) (int, int, bool) {
	for i, row := range m {
		for j, v := range row {
			if v == target {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

func main() {
	grid := [][]int{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
outer:
	for i, row := range grid {
		for _, v := range row {
			if v%2 == 0 && v > 4 {
				fmt.Println("first even > 4 in row", i, "is", v)
				break outer
			}
		}
	}

rows:
	for _, row := range grid {
		for _, v := range row {
			if v == 5 {
				continue rows
			}
			fmt.Print(v, " ")
		}
	}
	fmt.Println()

	i := 0
loop:
	if i < 5 {
		fmt.Print("g", i, " ")
		i++
		goto loop
	}
	fmt.Println()
	fmt.Println(findPair(grid, 8))

	n := 0
	for {
		n++
		switch {
		case n%2 == 0:
			continue
		case n > 7:
			goto done
		}
		fmt.Print(n, " ")
	}
done:
	fmt.Println("done at", n)
}
