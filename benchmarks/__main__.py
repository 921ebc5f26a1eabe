"""`python -m benchmarks` (make bench): every benchmark in turn."""

from benchmarks import charts

if __name__ == "__main__":
    charts.main()
