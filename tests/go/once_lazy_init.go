// procs: 1,2
package main

import (
	"fmt"
	"sync"
)

type Config struct {
	values map[string]string
}

var (
	cfg     *Config
	cfgOnce sync.Once
	loads   int
)

func getConfig() *Config {
	cfgOnce.Do(func() {
		loads++
		cfg = &Config{values: map[string]string{"env": "test", "region": "eu"}}
	})
	return cfg
}

type Cache struct {
	mu   sync.RWMutex
	data map[int]int
	miss int
}

func (c *Cache) Get(k int) int {
	c.mu.RLock()
	v, ok := c.data[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.data[k]; ok {
		return v
	}
	c.miss++
	v = k * k
	c.data[k] = v
	return v
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = getConfig().values["env"]
		}()
	}
	wg.Wait()
	fmt.Println("loads:", loads, getConfig().values["region"])

	c := &Cache{data: map[int]int{}}
	var sum int64
	var mu sync.Mutex
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			v := c.Get(i % 5)
			mu.Lock()
			sum += int64(v)
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println("sum:", sum, "misses:", c.miss)
}
