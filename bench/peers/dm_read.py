"""Peer for the dm-read benchmark: what HyperSpy's DM reader does with the pixels once the tag
tree has given the offset (numpy.fromfile at the Data offset), then conversion to float32.
Usage: dm_read.py FILE OFFSET COUNT DTYPE REPEATS -> prints the median seconds."""
import sys
import time

import numpy as np

path, offset, count, dtype, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
times = []
for _ in range(repeats + 1):
    start = time.perf_counter()
    data = np.fromfile(path, dtype=dtype, count=count, offset=offset).astype(np.float32)
    times.append(time.perf_counter() - start)
    del data
times = sorted(times[1:])
print(times[len(times) // 2])
