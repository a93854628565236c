#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

using namespace tongchou;
namespace fs = std::filesystem;

TEST(AtomicFile, VisibleOnlyAfterCommit) {
  const fs::path dir = fs::temp_directory_path() / "tongchou_atomic_test";
  fs::remove_all(dir);
  prepare_output_directory(dir);
  {
    AtomicFile f(dir / "a.csv");
    f.write("x,y\n");
    EXPECT_FALSE(fs::exists(dir / "a.csv"));
    f.commit();
  }
  EXPECT_TRUE(fs::exists(dir / "a.csv"));
  {
    AtomicFile f(dir / "b.csv");
    f.write("partial");
  }  // destroyed without commit: nothing under the final name, no temporary left
  EXPECT_FALSE(fs::exists(dir / "b.csv"));
  std::size_t files = 0;
  for (auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
  fs::remove_all(dir);
}

TEST(AtomicFile, UnwritableDirectoryIsAnOutputError) {
  EXPECT_THROW(prepare_output_directory("/proc/tongchou-cannot-exist"), OutputError);
  const fs::path file = fs::temp_directory_path() / "tongchou_not_a_dir";
  std::ofstream(file) << "x";
  EXPECT_THROW(prepare_output_directory(file), OutputError);
  fs::remove(file);
}

// Texts of every size around the 1 MB buffer, a large one written as it is: the file holds them in order.
TEST(AtomicFile, LargeAndSmallWritesKeepTheirOrder) {
  const fs::path dir = fs::temp_directory_path() / "tongchou_atomic_large_test";
  fs::remove_all(dir);
  prepare_output_directory(dir);
  std::string expected;
  {
    AtomicFile f(dir / "c.txt");
    const std::size_t sizes[] = {10, (1u << 20) - 5, 3, 3u << 20, 7, (1u << 20) + 1, 0, 100};
    char c = 'a';
    for (std::size_t n : sizes) {
      const std::string piece(n, c++);
      f.write(piece);
      expected += piece;
    }
    f.commit();
  }
  std::ifstream in(dir / "c.txt", std::ios::binary);
  const std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected);
  fs::remove_all(dir);
}
