# Rebinding the loop variable does not change the list.
nums = [1, 2, 3]
for n in nums:
    n = n * 10
print("after rebinding n:", nums)
for i in range(len(nums)):
    nums[i] = nums[i] * 10
print("after assigning nums[i]:", nums)
rows = [[1], [2]]
for r in rows:
    r.append(0)
print("mutating inner lists works:", rows)
