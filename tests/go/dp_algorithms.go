package main

import "fmt"

func lcs(a, b string) string {
	m, n := len(a), len(b)
	dp := make([][]int, m+1)
	for i := range dp {
		dp[i] = make([]int, n+1)
	}
	for i := 1; i <= m; i++ {
		for j := 1; j <= n; j++ {
			if a[i-1] == b[j-1] {
				dp[i][j] = dp[i-1][j-1] + 1
			} else if dp[i-1][j] >= dp[i][j-1] {
				dp[i][j] = dp[i-1][j]
			} else {
				dp[i][j] = dp[i][j-1]
			}
		}
	}
	out := make([]byte, 0, dp[m][n])
	for i, j := m, n; i > 0 && j > 0; {
		switch {
		case a[i-1] == b[j-1]:
			out = append(out, a[i-1])
			i--
			j--
		case dp[i-1][j] >= dp[i][j-1]:
			i--
		default:
			j--
		}
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return string(out)
}

func knapsack(weights, values []int, capacity int) int {
	best := make([]int, capacity+1)
	for i := range weights {
		for c := capacity; c >= weights[i]; c-- {
			if v := best[c-weights[i]] + values[i]; v > best[c] {
				best[c] = v
			}
		}
	}
	return best[capacity]
}

func coinChange(coins []int, amount int) int {
	const inf = 1 << 30
	dp := make([]int, amount+1)
	for i := 1; i <= amount; i++ {
		dp[i] = inf
		for _, c := range coins {
			if c <= i && dp[i-c]+1 < dp[i] {
				dp[i] = dp[i-c] + 1
			}
		}
	}
	if dp[amount] == inf {
		return -1
	}
	return dp[amount]
}

func maxSubarray(a []int) (int, int, int) {
	best, cur, start, bs, be := a[0], 0, 0, 0, 0
	for i, v := range a {
		if cur <= 0 {
			cur, start = v, i
		} else {
			cur += v
		}
		if cur > best {
			best, bs, be = cur, start, i
		}
	}
	return best, bs, be
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = prev[j-1] + cost
			if prev[j]+1 < cur[j] {
				cur[j] = prev[j] + 1
			}
			if cur[j-1]+1 < cur[j] {
				cur[j] = cur[j-1] + 1
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

func main() {
	fmt.Println(lcs("AGGTAB", "GXTXAYB"), lcs("abcdef", "acf"))
	fmt.Println(knapsack([]int{1, 3, 4, 5}, []int{1, 4, 5, 7}, 7))
	fmt.Println(coinChange([]int{1, 5, 10, 25}, 63), coinChange([]int{2}, 3))
	fmt.Println(maxSubarray([]int{-2, 1, -3, 4, -1, 2, 1, -5, 4}))
	fmt.Println(editDistance("kitten", "sitting"), editDistance("", "abc"), editDistance("flaw", "lawn"))
}
