package main

import "fmt"

func main() {
	var a [5]int
	a[2] = 7
	b := a
	b[0] = 1
	fmt.Println(a, b, len(a))

	s := []int{1, 2, 3, 4, 5}
	t := s[1:3]
	t[0] = 20
	fmt.Println(s, t, len(t), cap(t))
	t = append(t, 30)
	fmt.Println(s, t)
	t = append(t, 40, 50, 60)
	t[0] = 99
	fmt.Println(s, t)

	var grow []int
	caps := []int{}
	for i := 0; i < 10; i++ {
		grow = append(grow, i)
		caps = append(caps, cap(grow))
	}
	fmt.Println(grow, caps)

	dst := make([]int, 3)
	n := copy(dst, s)
	fmt.Println(n, dst)
	bs := make([]byte, 5)
	n = copy(bs, "xy")
	fmt.Println(n, bs)

	matrix := make([][]int, 3)
	for i := range matrix {
		matrix[i] = make([]int, 4)
		for j := range matrix[i] {
			matrix[i][j] = i * j
		}
	}
	fmt.Println(matrix)

	full := s[1:2:3]
	fmt.Println(len(full), cap(full))

	// remove index 2 preserving order
	r := []string{"a", "b", "c", "d"}
	r = append(r[:2], r[3:]...)
	fmt.Println(r, len(r))
	// insert at 1
	r = append(r[:1], append([]string{"X"}, r[1:]...)...)
	fmt.Println(r)
	// filter in place
	nums := []int{1, 2, 3, 4, 5, 6, 7, 8}
	k := 0
	for _, v := range nums {
		if v%3 != 0 {
			nums[k] = v
			k++
		}
	}
	nums = nums[:k]
	fmt.Println(nums)
	arr := [...]string{2: "c", 0: "a"}
	fmt.Println(len(arr), arr)
	fmt.Printf("%q\n", arr)
}
