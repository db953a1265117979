package main

import "fmt"

func spiral(n int) [][]int {
	m := make([][]int, n)
	for i := range m {
		m[i] = make([]int, n)
	}
	top, bottom, left, right := 0, n-1, 0, n-1
	v := 1
	for top <= bottom && left <= right {
		for c := left; c <= right; c++ {
			m[top][c] = v
			v++
		}
		top++
		for r := top; r <= bottom; r++ {
			m[r][right] = v
			v++
		}
		right--
		if top <= bottom {
			for c := right; c >= left; c-- {
				m[bottom][c] = v
				v++
			}
			bottom--
		}
		if left <= right {
			for r := bottom; r >= top; r-- {
				m[r][left] = v
				v++
			}
			left++
		}
	}
	return m
}

func rotate(m [][]int) [][]int {
	n := len(m)
	out := make([][]int, n)
	for i := range out {
		out[i] = make([]int, n)
		for j := range out[i] {
			out[i][j] = m[n-1-j][i]
		}
	}
	return out
}

func main() {
	for _, row := range spiral(5) {
		for _, v := range row {
			fmt.Printf("%3d", v)
		}
		fmt.Println()
	}
	fmt.Println(rotate([][]int{{1, 2}, {3, 4}}))
	fmt.Println(spiral(1), len(spiral(0)))
}
