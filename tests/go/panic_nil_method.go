package main

import "fmt"

type Config struct{ Name string }

func (c *Config) Title() string { return "cfg:" + c.Name }

func main() {
	var c *Config
	defer fmt.Println("deferred print runs before the crash report")
	fmt.Println(c.Title())
}
