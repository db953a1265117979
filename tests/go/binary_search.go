package main

import (
	"fmt"
	"sort"
)

func binarySearch(a []int, target int) int {
	lo, hi := 0, len(a)-1
	for lo <= hi {
		mid := lo + (hi-lo)/2
		switch {
		case a[mid] == target:
			return mid
		case a[mid] < target:
			lo = mid + 1
		default:
			hi = mid - 1
		}
	}
	return -1
}

func lowerBound(a []int, x int) int {
	return sort.Search(len(a), func(i int) bool { return a[i] >= x })
}

// sqrtInt finds floor(sqrt(n)) by binary search on the answer.
func sqrtInt(n int) int {
	lo, hi := 0, n
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if mid*mid <= n {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func main() {
	a := []int{1, 3, 5, 7, 9, 11, 13, 15, 17, 19}
	for _, t := range []int{1, 7, 19, 4, 20, -3} {
		fmt.Printf("search %3d -> %2d  lower bound %2d\n", t, binarySearch(a, t), lowerBound(a, t))
	}
	for _, n := range []int{0, 1, 15, 16, 17, 1000000, 999999} {
		fmt.Print(sqrtInt(n), " ")
	}
	fmt.Println()
	strs := []string{"ant", "bee", "cat", "dog", "eel"}
	i := sort.SearchStrings(strs, "cow")
	fmt.Println(i, strs[i])
	guess := sort.Search(100, func(i int) bool { return i*i*i >= 2000 })
	fmt.Println("cube root ceiling of 2000:", guess)
}
